// Who may write numeric IDs (service-id, group-id, tunnel IDs, the counters): the identities the
// id-allocator runs as, configured as a list of usernames and `group:<name>` entries. Everyone
// else, a cluster admin included, is a "user" here: IDs are handed out from shared counters, and
// one typed by hand can duplicate another. A restore from backup that must carry IDs adds an
// entry such as `group:system:masters` for its duration.
import type { UserInfo } from './admission-review.js';

export const defaultIdWriters: readonly string[] = ['system:serviceaccount:epic:id-allocator'];

export interface IdWriters {
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

const groupPrefix = 'group:';

/** `["system:serviceaccount:epic:id-allocator", "group:epic-restore"]` -> users and groups. */
export function parseIdWriters(entries: readonly string[]): IdWriters {
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.startsWith(groupPrefix)) groups.add(entry.slice(groupPrefix.length));
    else users.add(entry);
  }
  return { users, groups };
}

export function isIdWriter(writers: IdWriters, user: UserInfo): boolean {
  if (user.username !== undefined && writers.users.has(user.username)) return true;
  return (user.groups ?? []).some((group) => writers.groups.has(group));
}

/** `user "alice"`, for messages. */
export function describeUser(user: UserInfo): string {
  return `user "${user.username ?? '(unknown)'}"`;
}
