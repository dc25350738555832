// The AddressAllocated condition and the Kubernetes Event that go with each outcome. Messages
// are stable sentences (no timestamps), so re-asserting the same truth writes nothing, and a
// refusal says what to do about it.
import type { KubeEvent } from '@epic/kube';
import type { ConditionUpdate } from '@epic/model';
import { addressConditionType, type Claimed } from './owners.js';

export type Refusal =
  'PoolExhausted' | 'AddressUnavailable' | 'InvalidPool' | 'ServicePrefixNotFound';

export interface Report {
  condition: ConditionUpdate;
  /** Recorded only when the condition changed (something happened). */
  event: KubeEvent;
}

const advice: Record<Refusal, string> = {
  PoolExhausted: '',
  AddressUnavailable:
    ' Set spec.public-address to a free address of the pool, or remove it to get one.',
  InvalidPool: ' Fix the ServicePrefix; allocation resumes on its own.',
  ServicePrefixNotFound: '',
};

/** The owner holds its addresses, recorded in its spec. */
export function allocatedReport(claimed: Claimed, generation: number | undefined): Report {
  const alt = claimed.altAddress === undefined ? '' : ` and alt address ${claimed.altAddress}`;
  const message = `Public address ${claimed.address}${alt} allocated from ServicePrefix ${claimed.servicePrefix}.`;
  return {
    condition: {
      type: addressConditionType,
      status: 'True',
      reason: 'Allocated',
      message,
      ...(generation === undefined ? {} : { observedGeneration: generation }),
    },
    event: { type: 'Normal', reason: 'AddressAllocated', message },
  };
}

/** No address: why, and what fixes it. Not retried in a loop: the next change or resync decides again. */
export function refusedReport(
  refusal: { reason: Refusal; message: string },
  generation: number | undefined,
): Report {
  const message = `${sentence(refusal.message)}${advice[refusal.reason]}`;
  return {
    condition: {
      type: addressConditionType,
      status: 'False',
      reason: refusal.reason,
      message,
      ...(generation === undefined ? {} : { observedGeneration: generation }),
    },
    event: { type: 'Warning', reason: refusal.reason, message },
  };
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
