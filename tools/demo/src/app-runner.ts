// The apps as detached OS processes that outlive the `npm run demo` that started them: stdout
// and stderr appended to <state>/logs/<app>.log, the pid in <state>/pids/<app>.pid. A later
// command stops them by pid, after checking the pid still belongs to the app.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appEntries, type AppName, type AppSpec } from './app-processes.js';
import { DemoError } from './demo-error.js';
import { httpGet } from './local-net.js';
import { isAppProcess, parsePid, stopWaves } from './run-state.js';

export interface RunnerPaths {
  repoRoot: string;
  stateDir: string;
}

export const logFile = (stateDir: string, app: string) => join(stateDir, 'logs', `${app}.log`);
export const pidFile = (stateDir: string, app: string) => join(stateDir, 'pids', `${app}.pid`);

function entryPath(repoRoot: string, app: AppName): string {
  const { dir, entry } = appEntries[app];
  return join(repoRoot, dir, entry);
}

export interface StartedApp {
  spec: AppSpec;
  pid: number;
  exited: () => number | null | undefined;
}

/** Starts one app under the Node running the demo (`node --import tsx <entry>`). */
export async function startApp(spec: AppSpec, paths: RunnerPaths): Promise<StartedApp> {
  mkdirSync(join(paths.stateDir, 'logs'), { recursive: true });
  mkdirSync(join(paths.stateDir, 'pids'), { recursive: true });
  const log = openSync(logFile(paths.stateDir, spec.name), 'a');
  writeSync(log, `--- ${new Date().toISOString()} demo starts ${spec.name}\n`);
  let exitCode: number | null | undefined;
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', entryPath(paths.repoRoot, spec.name), ...spec.args],
      {
        cwd: join(paths.repoRoot, spec.dir),
        env: { ...process.env, ...spec.env },
        // Its own process group: the demo's terminal (Ctrl-C) does not reach the apps.
        detached: true,
        stdio: ['ignore', log, log],
      },
    );
    if (child.pid === undefined) throw new DemoError(`${spec.name} could not be started`);
    child.on('exit', (code, signal) => (exitCode = code ?? (signal ? -1 : null)));
    child.unref();
    await writeFile(pidFile(paths.stateDir, spec.name), `${child.pid}\n`);
    return { spec, pid: child.pid, exited: () => exitCode };
  } finally {
    closeSync(log);
  }
}

async function probeOnce(spec: AppSpec, ca: Buffer | undefined): Promise<boolean> {
  const { scheme, port, readyPath } = spec.probe;
  try {
    const reply = await httpGet(`${scheme}://127.0.0.1:${port}${readyPath}`, {
      ca,
      timeoutMs: 2_000,
    });
    return reply.status === 200;
  } catch {
    return false;
  }
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Polls the app's readiness endpoint until it answers 200, it exits, or the deadline passes. */
export async function waitReady(
  app: StartedApp,
  options: { stateDir: string; ca?: Buffer; deadline: number },
): Promise<void> {
  const log = logFile(options.stateDir, app.spec.name);
  for (;;) {
    if (await probeOnce(app.spec, options.ca)) return;
    const code = app.exited();
    if (code !== undefined || Date.now() > options.deadline) {
      const what =
        code === undefined
          ? `is not ready (${app.spec.probe.readyPath} on port ${app.spec.probe.port})`
          : `exited during start-up (code ${code})`;
      throw new DemoError(`${app.spec.name} ${what}; the end of ${log}:\n${await tail(log)}`);
    }
    await sleep(250);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isTheApp(pid: number, entry: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return isAppProcess(cmdline, entry);
}

/**
 * Stops the app its pid file names: SIGTERM (the apps shut down in order), SIGKILL after
 * `graceMs`. Returns whether a process was stopped. A pid that is no longer the app's is left
 * alone; the pid file goes either way.
 */
export async function stopApp(app: AppName, paths: RunnerPaths, graceMs = 20_000) {
  const file = pidFile(paths.stateDir, app);
  const pid = parsePid(await readFile(file, 'utf8').catch(() => ''));
  const ours = pid !== undefined && (await isTheApp(pid, entryPath(paths.repoRoot, app)));
  if (ours) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(file, { force: true });
  return ours;
}

/**
 * Stops every app of the state dir, wave by wave; `said` is told each one stopped and how many
 * seconds its shutdown took.
 */
export async function stopApps(
  paths: RunnerPaths,
  said: (app: AppName, seconds: number) => void,
): Promise<void> {
  for (const wave of stopWaves) {
    await Promise.all(
      wave.map(async (app) => {
        const started = Date.now();
        if (await stopApp(app, paths)) said(app, Math.round((Date.now() - started) / 1000));
      }),
    );
  }
}
