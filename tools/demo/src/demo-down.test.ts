import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '@epic/logging';
import { demoDown } from './demo-down.js';

it('--down without a demo in the state dir says so and touches nothing', async () => {
  const stateDir = await mkdtemp(join(tmpdir(), 't-demo-none-'));
  const lines: string[] = [];
  try {
    await demoDown(
      { action: 'down', stack: false, stateDir },
      {
        repoRoot: '/nonexistent',
        say: (line) => void lines.push(line),
        logger: createLogger({ app: 'demo-test', level: 'silent' }),
      },
    );
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  expect(lines).toEqual([`no demo state in ${stateDir}: no apps to stop, no objects to remove`]);
});
