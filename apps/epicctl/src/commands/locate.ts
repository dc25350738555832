// Finding an object by name when the user did not say which namespace: exactly one match is
// it, none is "not found", several is a usage error that lists where to look.
import { notFound, usageError } from '../exit-codes.js';

interface Named {
  metadata: { name?: string; namespace?: string };
}

/** The one object called `name`; `what` names the kind in messages, `flag` the way to pick. */
export function locateByName<T extends Named>(
  items: readonly T[],
  name: string,
  what: { kind: string; flag: string },
): T {
  const matches = items.filter((item) => item.metadata.name === name);
  const [only, ...rest] = matches;
  if (!only) throw notFound(`${what.kind} ${name} not found in any namespace`);
  if (rest.length > 0) {
    const namespaces = matches.map((m) => m.metadata.namespace ?? '?').join(', ');
    throw usageError(
      `${what.kind} ${name} exists in ${matches.length} namespaces (${namespaces}): pass ${what.flag}`,
    );
  }
  return only;
}
