// The seed's allocation algorithm against the REAL apiserver: concurrent writers each claim
// values by incrementing a counter in a status with Update (never Patch). Every claimed value
// must be unique and the counter must equal the number of claims: 409 is what makes it safe.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replaceWithRetry } from './replace-with-retry.js';
import { createTestAccount, type TestAccount } from './test-account.js';

let account: TestAccount;
beforeAll(async () => {
  account = await createTestAccount('t-retry');
});
afterAll(async () => account.remove());

it(
  'hands out unique values to 4 concurrent writers (20 claims each)',
  { timeout: 120_000 },
  async () => {
    const { accounts, ref } = account;
    let conflicts = 0;
    const claim = async () => {
      const { object } = await replaceWithRetry({
        what: `Account ${ref.namespace}/${ref.name} status`,
        read: () => accounts.get(ref),
        mutate: (a) => ({
          ...a,
          status: {
            ...a.status,
            'current-service-id': (a.status?.['current-service-id'] ?? 0) + 1,
          },
        }),
        write: (next) => accounts.replaceStatus(next),
        attempts: 50,
        backoffMs: 5,
        onConflict: () => conflicts++,
      });
      return object.status?.['current-service-id'] ?? 0;
    };
    const writer = async () => {
      const mine: number[] = [];
      for (let i = 0; i < 20; i++) mine.push(await claim());
      return mine;
    };

    const claimed = (await Promise.all([writer(), writer(), writer(), writer()])).flat();
    expect(new Set(claimed).size).toBe(80);
    expect(Math.max(...claimed)).toBe(80);
    expect((await accounts.get(ref)).status?.['current-service-id']).toBe(80);
    expect(conflicts).toBeGreaterThan(0); // the writers really raced
  },
);
