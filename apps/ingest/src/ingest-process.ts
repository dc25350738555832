// Test support: runs ingest as a real child process (so it can be killed with SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface IngestProcess {
  child: ChildProcess;
  output: () => string;
  kill9: () => void;
  /** SIGTERM and wait for the exit code. */
  terminate: () => Promise<number | null>;
}

export function spawnIngest(env: Record<string, string>): IngestProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, EPIC_HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => log,
    kill9: () => child.kill('SIGKILL'),
    terminate: () => (child.kill('SIGTERM'), exited),
  };
}
