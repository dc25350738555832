// An exhausted counter, said on the LoadBalancer: the IdsAllocated condition, and one Warning
// Event when that becomes true (a repeated event finds the condition set and stays quiet).
import { exhaustedCondition, type ExhaustedReason } from '@epic/allocation';
import { writeConditions } from '@epic/kube';
import type { LoadBalancer } from '@epic/model';
import type { IdKind } from './allocator-metrics.js';
import type { AllocatorContext } from './allocator-context.js';

export async function refuseLoadBalancer(
  ctx: AllocatorContext,
  lb: LoadBalancer,
  why: { kind: IdKind; reason: ExhaustedReason; message: string },
): Promise<void> {
  ctx.metrics.exhausted.inc({ kind: why.kind });
  const condition = exhaustedCondition(lb, why.reason, why.message);
  const ref = { namespace: lb.metadata.namespace ?? '', name: lb.metadata.name ?? '' };
  const changed = await writeConditions({
    what: `LoadBalancer ${ref.namespace}/${ref.name} status.conditions`,
    read: () => ctx.lbs.get(ref),
    write: (current) => ctx.lbs.replaceStatus(current),
    conditions: () => [condition],
    now: ctx.now,
  });
  if (changed)
    ctx.emit(lb, { type: 'Warning', reason: condition.reason, message: condition.message });
}
