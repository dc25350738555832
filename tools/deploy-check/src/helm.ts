// The helm client that renders, lints and installs deploy/helm/epic: the local stack's
// (.stack/bin, put on PATH by the test setup), else whatever helm is on PATH. Values are passed
// as --set-json per top-level key, which Helm merges into the chart's defaults like a values file.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseManifests, type KubeObject } from '@epic/manifests';
import { repoRoot } from '@epic/testing';

const run = promisify(execFile);

export const chartDir = join(repoRoot, 'deploy', 'helm', 'epic');

export function helmPath(): string {
  const stackHelm = join(process.env.EPIC_STACK_STATE ?? join(repoRoot, '.stack'), 'bin', 'helm');
  return existsSync(stackHelm) ? stackHelm : 'helm';
}

/** A helm command that failed; its stderr (Helm's reason) is in the message. */
export class HelmError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(`helm ${args.join(' ')} failed: ${stderr.trim()}`, options);
  }
}

/** Runs helm; its stdout, or a HelmError with its stderr. */
export async function helm(args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(helmPath(), [...args], { maxBuffer: 64 << 20 });
    return stdout;
  } catch (err) {
    throw new HelmError(args, (err as { stderr?: string }).stderr ?? String(err), { cause: err });
  }
}

/** `--set-json key=<json>` for each top-level key of `values`. */
export function valuesArgs(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([key, value]) => [
    '--set-json',
    `${key}=${JSON.stringify(value)}`,
  ]);
}

export interface TemplateOptions {
  release: string;
  namespace: string;
  values?: Record<string, unknown>;
  /** Render crds/ too (`helm template` leaves them out by default). */
  includeCrds?: boolean;
}

/** `helm template` of the chart, parsed; a template failure or a refused value throws HelmError. */
export async function helmTemplate(options: TemplateOptions): Promise<KubeObject[]> {
  const args = ['template', options.release, chartDir, '--namespace', options.namespace];
  if (options.includeCrds === true) args.push('--include-crds');
  return parseManifests(await helm([...args, ...valuesArgs(options.values ?? {})]));
}
