import { describe, expect, it } from 'vitest';
import { defaultIdWriters, describeUser, isIdWriter, parseIdWriters } from './id-writers.js';

describe('ID writers', () => {
  const writers = parseIdWriters([...defaultIdWriters, ' group:epic-restore ', '']);

  it('splits users and groups', () => {
    expect([...writers.users]).toEqual(['system:serviceaccount:epic:id-allocator']);
    expect([...writers.groups]).toEqual(['epic-restore']);
  });

  it.each([
    [{ username: 'system:serviceaccount:epic:id-allocator' }, true],
    [{ username: 'alice', groups: ['epic-restore'] }, true],
    // A cluster admin is a user here unless configured (id-writers.ts says why).
    [{ username: 'admin', groups: ['system:masters'] }, false],
    [{ username: 'system:serviceaccount:epic-acme:default' }, false],
    [{}, false],
  ])('%j -> %s', (user, expected) => {
    expect(isIdWriter(writers, user)).toBe(expected);
  });

  it('a cluster admin becomes a writer only when listed', () => {
    const restore = parseIdWriters(['group:system:masters']);
    expect(isIdWriter(restore, { username: 'admin', groups: ['system:masters'] })).toBe(true);
  });

  it('names the user in messages', () => {
    expect(describeUser({ username: 'alice' })).toBe('user "alice"');
    expect(describeUser({})).toBe('user "(unknown)"');
  });
});
