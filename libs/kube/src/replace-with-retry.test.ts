import { describe, expect, it } from 'vitest';
import { ConflictRetriesExhaustedError, replaceWithRetry } from './replace-with-retry.js';

// A stand-in for the apiserver's optimistic concurrency: a write succeeds only when it
// carries the current version (pure logic; the real apiserver is exercised in the .int test).
function versionedStore(initial: number, conflictsFirst = 0) {
  let state = { value: initial, version: 1 };
  let conflictsLeft = conflictsFirst;
  return {
    read: () => Promise.resolve({ ...state }),
    write: (next: { value: number; version: number }) => {
      if (conflictsLeft > 0 || next.version !== state.version) {
        conflictsLeft--;
        return Promise.reject(Object.assign(new Error('Conflict'), { code: 409 }));
      }
      state = { value: next.value, version: state.version + 1 };
      return Promise.resolve({ ...state });
    },
    get state() {
      return state;
    },
  };
}

const increment = (s: { value: number; version: number }) => ({ ...s, value: s.value + 1 });

describe('replaceWithRetry', () => {
  it.each([
    { conflicts: 0, attempts: 1 },
    { conflicts: 1, attempts: 2 },
    { conflicts: 4, attempts: 5 },
  ])(
    'after $conflicts conflicts succeeds on attempt $attempts',
    async ({ conflicts, attempts }) => {
      const store = versionedStore(4, conflicts);
      const result = await replaceWithRetry({
        what: 'counter',
        read: store.read,
        mutate: increment,
        write: store.write,
        backoffMs: 1,
      });
      expect(result.attempts).toBe(attempts);
      expect(store.state.value).toBe(5);
    },
  );

  it('gives up after the bounded number of attempts, saying what it retried', async () => {
    const store = versionedStore(4, 10);
    const err: unknown = await replaceWithRetry({
      what: 'EPIC epic/epic status',
      read: store.read,
      mutate: increment,
      write: store.write,
      attempts: 3,
      backoffMs: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictRetriesExhaustedError);
    expect((err as Error).message).toBe(
      'EPIC epic/epic status: still conflicting after 3 optimistic-update attempts; giving up',
    );
    expect(store.state.value).toBe(4);
  });

  it('writes nothing when mutate says nothing needs changing', async () => {
    const store = versionedStore(4);
    const result = await replaceWithRetry({
      what: 'counter',
      read: store.read,
      mutate: () => undefined,
      write: store.write,
    });
    expect(result).toEqual({ object: { value: 4, version: 1 }, attempts: 1 });
  });

  it('does not retry other errors, and wraps them with context', async () => {
    const err: unknown = await replaceWithRetry({
      what: 'Account epic-a/a status',
      read: () => Promise.resolve(1),
      mutate: (n) => n + 1,
      write: () => Promise.reject(Object.assign(new Error('Forbidden'), { code: 403 })),
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('Account epic-a/a status: update failed');
    expect(((err as Error).cause as { code: number }).code).toBe(403);
  });

  it('hands mutate a copy, so a failed attempt leaves no trace in what was read', async () => {
    const seen: number[][] = [];
    const original = { list: [1] };
    await replaceWithRetry({
      what: 'copy',
      read: () => Promise.resolve(original),
      mutate: (o) => (o.list.push(2), seen.push(o.list), o),
      write: (o) => Promise.resolve(o),
    });
    expect(original.list).toEqual([1]);
    expect(seen).toEqual([[1, 2]]);
  });
});
