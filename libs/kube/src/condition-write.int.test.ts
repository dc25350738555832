// Conditions written by several workers at once on one object, against the REAL apiserver:
// each Update carries the read resourceVersion, so a writer that lost the race re-reads and
// keeps the other's condition; re-asserting the same truth writes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConditionUpdate } from '@epic/model';
import { writeConditions } from './condition-write.js';
import { createTestAccount, type TestAccount } from './test-account.js';

let account: TestAccount;
beforeAll(async () => {
  account = await createTestAccount('t-cond');
});
afterAll(async () => account.remove());

const asserted = (type: string): ConditionUpdate => ({
  type,
  status: 'True',
  reason: 'Asserted',
  message: `${type} asserted by its worker.`,
});

it('keeps every worker its own condition when they write at once', async () => {
  const { accounts, ref } = account;
  const types = ['FirstOwned', 'SecondOwned', 'ThirdOwned', 'FourthOwned'];
  const assert = (type: string) =>
    writeConditions({
      what: `Account ${ref.namespace}/${ref.name} condition ${type}`,
      read: () => accounts.get(ref),
      write: (next) => accounts.replaceStatus(next),
      conditions: () => [asserted(type)],
      now: () => new Date(),
    });

  expect(await Promise.all(types.map(assert))).toEqual([true, true, true, true]);
  const after = await accounts.get(ref);
  expect(after.status?.conditions?.map((c) => c.type).sort()).toEqual([...types].sort());

  expect(await Promise.all(types.map(assert))).toEqual([false, false, false, false]);
  expect((await accounts.get(ref)).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
});
