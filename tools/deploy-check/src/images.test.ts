// deploy/docker without a Docker engine: every deployable app has a Dockerfile that follows the
// image rules (dockerfile-rules.ts), and the bundle step of each Dockerfile, run here exactly
// as the build stage runs it, produces bundles that load every module they import and start:
// with an empty environment each stops at its configuration check, naming what is missing
// (a bundle that lost a module or a third-party package would fail before that).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@epic/testing';
import { deployableApps } from './deployable-apps.js';
import { parseDockerfile, type Dockerfile } from './dockerfile.js';
import { bundleRun, dockerfileProblems } from './dockerfile-rules.js';

const dockerDir = join(repoRoot, 'deploy', 'docker');
const apps = deployableApps();
const dockerfileOf = (app: string): Dockerfile =>
  parseDockerfile(readFileSync(join(dockerDir, `${app}.Dockerfile`), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'epic-bundles-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('Dockerfiles', () => {
  it('one per deployable app, and none for anything else', () => {
    const dockerfiles = readdirSync(dockerDir)
      .filter((f) => f.endsWith('.Dockerfile'))
      .map((f) => f.slice(0, -'.Dockerfile'.length));
    expect(dockerfiles.sort()).toEqual(apps);
    expect(apps).not.toContain('epicctl');
  });

  it.each(apps)('%s.Dockerfile follows the image rules', (app) => {
    expect(dockerfileProblems(dockerfileOf(app), app)).toEqual([]);
  });

  it('the build context leaves out installed packages, local state and secrets', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '**/node_modules', '.stack', '.stack-compose', '.nx', 'dist']) {
      expect(ignored).toContain(entry);
    }
  });
});

/** What an empty environment makes each entry point complain about first. */
const missingConfiguration: Record<string, RegExp> = {
  'admission/main': /tls\.crt/,
  'tunnel-programmer/agent': /--node-name/,
};

function startWithEmptyEnvironment(bundle: string) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('bundles, built by the Dockerfiles’ own bundle step', () => {
  it.each(apps)('%s', { timeout: 180_000 }, async (app) => {
    const run = bundleRun(dockerfileOf(app));
    expect(run).toBeDefined();
    const out = join(scratch, app);
    const [node, script, , ...entries] = run?.argv ?? [];
    await promisify(execFile)(
      node === 'node' ? process.execPath : String(node),
      [String(script), out, ...entries],
      { cwd: repoRoot },
    );
    // The runtime stage puts the production node_modules beside the bundles.
    symlinkSync(join(repoRoot, 'node_modules'), join(out, 'node_modules'));
    for (const { name } of run?.entries ?? []) {
      const bundle = join(out, `${name}.mjs`);
      expect(existsSync(bundle), bundle).toBe(true);
      const { code, output } = await startWithEmptyEnvironment(bundle);
      expect(output).not.toMatch(
        /ERR_MODULE_NOT_FOUND|Cannot find (module|package)|Dynamic require/,
      );
      expect(code, output).not.toBe(0);
      expect(output).toMatch(missingConfiguration[`${app}/${name}`] ?? /EPIC_KAFKA_BROKERS/);
    }
  });
});
