// The two conditions xds-server owns on a LoadBalancer / GWProxy, as pure functions:
// - ConfigRendered: the proxy's objects rendered into an Envoy configuration (or why not);
// - ConfigAccepted: the xDS clients of the proxy accepted what they were sent (or which type
//   and version one rejected, with Envoy's error_detail).
// Messages are stable sentences without versions or times, so re-asserting the same truth is
// no write.
import {
  MissingValueError,
  TemplateError,
  type Diagnostic,
  type XdsType,
} from '@epic/envoy-render';
import { ProtoCheckError } from '@epic/envoy-render/proto';
import type { ConditionUpdate } from '@epic/model';

export const configRendered = 'ConfigRendered';
export const configAccepted = 'ConfigAccepted';

/** Shown in a message at most; the rest is counted. */
const maxListed = 3;
const maxDetail = 1024;

function clip(text: string): string {
  return text.length > maxDetail ? `${text.slice(0, maxDetail)}…` : text;
}

export function renderedCondition(
  diagnostics: readonly Diagnostic[],
  generation?: number,
): ConditionUpdate {
  const base = { type: configRendered, status: 'True' as const, observedGeneration: generation };
  if (diagnostics.length === 0) {
    return { ...base, reason: 'Rendered', message: 'The Envoy configuration is rendered.' };
  }
  const listed = diagnostics.slice(0, maxListed).map((d) => `${d.object}: ${d.message}`);
  const more =
    diagnostics.length > maxListed ? ` (and ${diagnostics.length - maxListed} more)` : '';
  return {
    ...base,
    reason: 'RenderedWithWarnings',
    message: clip(
      `The Envoy configuration is rendered, with warnings: ${listed.join('; ')}${more}.`,
    ),
  };
}

const failureReasons: readonly [new (...args: never[]) => Error, string][] = [
  [TemplateError, 'TemplateError'],
  [MissingValueError, 'MissingValue'],
  [ProtoCheckError, 'InvalidResource'],
];

/**
 * Whether a render stopped only because the proxy has no public address yet: `.Address` is
 * spec.public-address, which the address-allocator sets shortly after the proxy is created.
 * That is waiting, not failing: no warning, no failed-render count.
 */
export function isAwaitingAddress(err: unknown): boolean {
  return err instanceof MissingValueError && err.placeholder === 'Address';
}

export function awaitingAddressCondition(generation?: number): ConditionUpdate {
  return {
    type: configRendered,
    status: 'False',
    reason: 'AwaitingAddress',
    observedGeneration: generation,
    message:
      'The Envoy configuration waits for spec.public-address, which the address-allocator sets.',
  };
}

/** Why a render failed; the previous configuration, if any, stays served. */
export function renderFailedCondition(err: unknown, generation?: number): ConditionUpdate {
  const reason = failureReasons.find(([type]) => err instanceof type)?.[1] ?? 'RenderFailed';
  const detail = err instanceof Error ? err.message : String(err);
  return {
    type: configRendered,
    status: 'False',
    reason,
    observedGeneration: generation,
    message: clip(`The Envoy configuration cannot be rendered: ${detail}`),
  };
}

export interface Rejection {
  readonly type: XdsType;
  readonly version: string;
  readonly message: string;
}

/** ConfigAccepted from the rejections outstanding for a proxy (none = accepted). */
export function acceptedCondition(rejections: readonly Rejection[]): ConditionUpdate {
  const [first, ...others] = rejections;
  if (!first) {
    return {
      type: configAccepted,
      status: 'True',
      reason: 'Accepted',
      message: 'The xDS clients accepted the configuration they were sent.',
    };
  }
  const more = others.length > 0 ? ` (and ${others.map((r) => r.type).join(', ')} too)` : '';
  return {
    type: configAccepted,
    status: 'False',
    reason: 'Rejected',
    message: clip(
      `An xDS client rejected ${first.type} version ${first.version}${more}: ${first.message}`,
    ),
  };
}
