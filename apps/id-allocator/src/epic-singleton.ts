import { coreNamespace, epicSingletonName, type EPIC } from '@epic/model';
import { type AllocatorContext } from './allocator-context.js';
import { orAbsent } from '@epic/kube';

export const epicRef = { namespace: coreNamespace, name: epicSingletonName };

/** The EPIC singleton; its absence is an error worth retrying (it is created at install). */
export async function readEpic(ctx: AllocatorContext): Promise<EPIC> {
  const epic = await orAbsent(ctx.epics.get(epicRef));
  if (!epic) {
    throw new Error(
      `the EPIC singleton ${coreNamespace}/${epicSingletonName} does not exist yet: IDs cannot be allocated until it is created`,
    );
  }
  return epic;
}
