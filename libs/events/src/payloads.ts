// The payload shapes custom-resource families share: the object as parsed by @epic/model (a
// snapshot, so a consumer needs no read to act and the audit log shows what was seen), plus for
// *Changed events the areas that changed.
import { z } from 'zod';
import { ChangedAreas } from './changed-areas.js';

/** `{ object }`: the snapshot (for deletes, the last one known). */
export function snapshotData<S extends z.ZodType>(object: S) {
  return z.object({ object });
}

/** `{ object, changed }`: the new snapshot and which areas differ from the previous one. */
export function changedData<S extends z.ZodType>(object: S) {
  return z.object({ object, changed: ChangedAreas });
}

export const snapshotPayload = '`object`: the {kind}';
export const changedPayload = '`object`: the {kind}; `changed`: the changed areas';
export const lastKnownPayload = '`object`: the {kind} as last seen';

/** A payload description with the kind filled in. */
export function payloadDoc(template: string, kind: string): string {
  return template.replace('{kind}', kind);
}
