// Which of a type's resources a subscription gets: a wildcard gets the type's wildcard set (no
// API listeners), named subscriptions the names that exist, in name order. A name that does not
// exist is left out: for LDS/CDS the client then knows it does not exist, for RDS/EDS it waits.
import type { EncodedResource, TypeSnapshot } from './snapshot.js';
import type { Names } from './sotw-state.js';

export function selectResources(type: TypeSnapshot, names: Names): EncodedResource[] {
  const wanted = names === 'wildcard' ? type.wildcard : [...names].sort();
  return wanted.flatMap((name) => {
    const found = type.resources.get(name);
    return found ? [found] : [];
  });
}
