// The runner against real processes: what a success, a failure, a missing program and a
// command that hangs look like.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError, createRunner } from './command-runner.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 't-runner-'));
  // Stands in for `ip`: prints the argv it was given, so netns wrapping can be seen.
  await writeFile(join(dir, 'fake-ip'), '#!/bin/sh\necho "$@"\n');
  await chmod(join(dir, 'fake-ip'), 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failureOf(promise: Promise<unknown>): Promise<CommandError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CommandError);
  return err as CommandError;
}

describe('createRunner', () => {
  it('returns stdout and stderr of a success', async () => {
    expect(await createRunner().run(['sh', '-c', 'echo out; echo err >&2'])).toEqual({
      stdout: 'out\n',
      stderr: 'err\n',
    });
  });

  it('puts the argv, the exit code and stderr into a failure', async () => {
    const err = await failureOf(
      createRunner().run(['sh', '-c', 'echo "RTNETLINK answers: File exists" >&2; exit 2']),
    );
    expect(err.detail).toMatchObject({ exitCode: 2, timedOut: false, notFound: false });
    expect(err.message).toBe(
      'sh -c echo "RTNETLINK answers: File exists" >&2; exit 2: exit 2: RTNETLINK answers: File exists',
    );
  });

  it('says when the program does not exist', async () => {
    const err = await failureOf(createRunner().run(['/nonexistent/cli_tunnel', 'get', 'all']));
    expect(err.detail.notFound).toBe(true);
    expect(err.message).toBe('/nonexistent/cli_tunnel get all: not found');
  });

  it('kills a command that outlives its time', async () => {
    const err = await failureOf(createRunner({ timeoutMs: 200 }).run(['sleep', '5']));
    expect(err.detail.timedOut).toBe(true);
    expect(err.message).toContain('timed out and was killed');
  });

  it('runs every command inside the network namespace it was given', async () => {
    const runner = createRunner({ netns: 'node-1', ip: join(dir, 'fake-ip') });
    expect((await runner.run(['cli_tunnel', 'get', 'all'])).stdout).toBe(
      'netns exec node-1 cli_tunnel get all\n',
    );
  });
});
