import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectCluster } from './cluster.js';
import { CliError, ExitCode } from './exit-codes.js';

const kubeconfig = join(mkdtempSync(join(tmpdir(), 'epicctl-')), 'kubeconfig');
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: {server: 'https://a.example:6443'}
- name: b
  cluster: {server: 'https://b.example:6443'}
users:
- name: u
  user: {token: t}
contexts:
- name: ctx-a
  context: {cluster: a, user: u}
- name: ctx-b
  context: {cluster: b, user: u}
current-context: ctx-a
`,
);

function cliError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    return err as CliError;
  }
  throw new Error('expected a CliError');
}

describe('connectCluster', () => {
  it('uses the current context, or the one --context names', () => {
    expect(connectCluster({ kubeconfig }).server).toBe('https://a.example:6443');
    expect(connectCluster({ kubeconfig, context: 'ctx-b' }).server).toBe('https://b.example:6443');
  });

  it('a context that is not there is a usage error listing the ones that are', () => {
    const err = cliError(() => connectCluster({ kubeconfig, context: 'prod' }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toBe('context "prod" is not in the kubeconfig (contexts: ctx-a, ctx-b)');
  });

  it('an unreadable kubeconfig is an error naming the file', () => {
    const err = cliError(() => connectCluster({ kubeconfig: '/nonexistent/kubeconfig' }));
    expect(err.exitCode).toBe(ExitCode.error);
    expect(err.message).toMatch(/^cannot load the kubeconfig \/nonexistent\/kubeconfig: /);
  });
});
