// epicctl against the real local stack, in-process through run() with the real cluster
// adapter, plus the entry point as a child process. No id-allocator runs here: while
// `account create` waits, the test itself writes Account.spec.group-id, standing in for it.
// Every object has a unique name and is deleted afterwards; the EPIC singleton is only read.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountKind,
  accountNamespace,
  coreNamespace,
  lbServiceGroupKind,
  loadBalancerKind,
  owningAccountLabel,
  owningServicePrefixLabel,
  servicePrefixKind,
  userNamespaceLabels,
} from '@epic/model';
import {
  deleteNamespace,
  EpicObjects,
  isApiError,
  loadKubeConfig,
  replaceWithRetry,
} from '@epic/kube';
import { eventually as poll, uniqueName } from '@epic/testing';
import { connectCluster } from './cluster.js';
import { systemClock } from './deps.js';
import { ExitCode } from './exit-codes.js';
import { run } from './run.js';

interface Outcome {
  code: number;
  out: string;
  err: string;
}

async function epicctl(...argv: string[]): Promise<Outcome> {
  const outcome: Outcome = { code: -1, out: '', err: '' };
  outcome.code = await run(argv, {
    io: { out: (t) => (outcome.out += t), err: (t) => (outcome.err += t), isTTY: false },
    clock: systemClock,
    connect: connectCluster,
  });
  return outcome;
}

/** The shared poll, 20 s; a 404 (not created yet) is "not yet". */
function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  return poll(what, probe, { timeoutMs, notYet: (err) => isApiError(err, 404) });
}

let kc: KubeConfig;
const account = uniqueName('ctl');
const slowAccount = uniqueName('ctl-slow');
const quickAccount = uniqueName('ctl-quick');
const prefix = uniqueName('ctl-sp');
const systemGroup = uniqueName('ctl-sys');
const lbName = uniqueName('ctl-lb');
const namespace = accountNamespace(account);
// Far above anything a real allocator hands out on this shared stack, so no test collides.
const groupId = 60_000 + Math.floor(Math.random() * 5_000);
const tunnelIds = [4_000_000_001 + Math.floor(Math.random() * 1_000_000) * 2];
tunnelIds.push(tunnelIds[0]! + 1);

beforeAll(() => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
});

afterAll(async () => {
  const groups = new EpicObjects(kc, lbServiceGroupKind);
  const prefixes = new EpicObjects(kc, servicePrefixKind);
  const ignoreMissing = (err: unknown) => {
    if (!isApiError(err, 404)) throw err;
  };
  await groups.delete({ namespace: coreNamespace, name: systemGroup }).catch(ignoreMissing);
  await prefixes.delete({ namespace: coreNamespace, name: prefix }).catch(ignoreMissing);
  for (const name of [account, slowAccount, quickAccount])
    await deleteNamespace(kc, accountNamespace(name));
});

describe('account create waits for the group ID', () => {
  it('returns once spec.group-id is set (the test stands in for the id-allocator)', async () => {
    const creating = epicctl('account', 'create', account, '--timeout', '30s', '-o', 'json');
    const accounts = new EpicObjects(kc, accountKind);
    const ref = { namespace, name: account };
    await eventually('the Account', () => accounts.get(ref));
    await sleep(700); // let the CLI see it without a group ID at least once
    await replaceWithRetry({
      what: `Account ${namespace}/${account}`,
      read: () => accounts.get(ref),
      mutate: (a) => ({ ...a, spec: { ...a.spec, 'group-id': groupId } }),
      write: (a) => accounts.replace(a),
    });
    const result = await creating;
    expect(result.err).toContain(
      `waiting for account ${account} to get a group ID: spec.group-id not set yet`,
    );
    expect(result.code).toBe(ExitCode.ok);
    const printed = JSON.parse(result.out) as {
      metadata: Record<string, unknown>;
      spec: Record<string, unknown>;
    };
    expect(printed.spec['group-id']).toBe(groupId);
    expect(printed.metadata).not.toHaveProperty('managedFields');
  });

  it('made the user namespace with both labels', async () => {
    const ns = await kc.makeApiClient(CoreV1Api).readNamespace({ name: namespace });
    expect(ns.metadata?.labels).toMatchObject(userNamespaceLabels);
  });

  it('a second create exits 5 with a message naming the namespace', async () => {
    const result = await epicctl('account', 'create', account);
    expect(result).toMatchObject({ code: ExitCode.alreadyExists, out: '' });
    expect(result.err).toBe(`error: account ${account} already exists (namespace ${namespace})\n`);
  });

  it('times out with exit 4 when nobody allocates, leaving the account in place', async () => {
    const started = Date.now();
    const result = await epicctl('account', 'create', slowAccount, '--timeout', '1500ms');
    expect(result.code).toBe(ExitCode.timedOut);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.err).toContain(
      `error: timed out after 1.5s waiting for account ${slowAccount} to get a group ID: is the id-allocator running?`,
    );
    expect(
      result.err
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('error:')),
    ).toHaveLength(1);
    const show = await epicctl('account', 'show', slowAccount);
    expect(show.code).toBe(ExitCode.ok);
    expect(show.out).toContain('State:               WaitingForGroupID');
  });

  it('--no-wait returns as soon as the objects exist', async () => {
    const result = await epicctl('account', 'create', quickAccount, '--no-wait');
    expect(result).toMatchObject({ code: ExitCode.ok, err: '' });
    expect(result.out).toBe(
      `account ${quickAccount} created (namespace ${accountNamespace(quickAccount)}); not waiting for its group ID\n`,
    );
  });
});

describe('account list and show', () => {
  it('lists the account with its group ID', async () => {
    const table = await epicctl('account', 'list');
    expect(table.code).toBe(ExitCode.ok);
    expect(table.out).toMatch(
      new RegExp(`^${account} +${namespace} +${groupId} +- +20 +Ready +\\d+[smhd]$`, 'm'),
    );
    const json = await epicctl('account', 'list', '-o', 'json');
    const names = (JSON.parse(json.out) as { items: { metadata: { name: string } }[] }).items.map(
      (i) => i.metadata.name,
    );
    expect(names).toEqual(expect.arrayContaining([account, slowAccount, quickAccount]));
  });

  it('shows one account, and exits 3 for one that does not exist', async () => {
    const shown = await epicctl('account', 'show', account, '-o', 'yaml');
    expect(shown.out).toContain(`group-id: ${groupId}`);
    const missing = await epicctl('account', 'show', 't-ctl-missing');
    expect(missing).toMatchObject({
      code: ExitCode.notFound,
      err: 'error: account t-ctl-missing not found (no namespace epic-t-ctl-missing)\n',
    });
  });
});

describe('prefix and group', () => {
  it('creates a prefix; a second create exits 5', async () => {
    const created = await epicctl(
      'prefix',
      'create',
      prefix,
      '--pool',
      '192.168.77.2-192.168.77.8',
      '--subnet',
      '192.168.77.0/24',
    );
    expect(created).toMatchObject({
      code: ExitCode.ok,
      out: `service prefix ${prefix} created (pool 192.168.77.2-192.168.77.8, subnet 192.168.77.0/24)\n`,
    });
    expect((await epicctl('prefix', 'create', prefix, '--pool', '10.0.0.0/24')).code).toBe(
      ExitCode.alreadyExists,
    );
    const listed = await epicctl('prefix', 'list');
    expect(listed.out).toMatch(
      new RegExp(
        `^${prefix} +192\\.168\\.77\\.2-192\\.168\\.77\\.8 +192\\.168\\.77\\.0/24 +default +- +0 `,
        'm',
      ),
    );
  });

  it('creates an account group tied by labels to its prefix and account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epicctl-int-'));
    const template = join(dir, 'envoy.yaml');
    writeFileSync(
      template,
      'envoyAPI: v3\nserialization: yaml\nnodeID: SET_BY_EPIC\nenvoyResources: {}\n',
    );
    const result = await epicctl(
      'group',
      'create',
      'web',
      '--account',
      account,
      '--prefix',
      prefix,
      '--replicas',
      '2',
      '--envoy-template',
      template,
    );
    expect(result).toMatchObject({ code: ExitCode.ok, err: '' });
    const group = await new EpicObjects(kc, lbServiceGroupKind).get({ namespace, name: 'web' });
    expect(group.metadata.labels).toMatchObject({
      [owningServicePrefixLabel]: prefix,
      [owningAccountLabel]: account,
    });
    expect(group.spec).toMatchObject({
      'envoy-replica-count': 2,
      'envoy-template': { envoyAPI: 'v3', nodeID: 'SET_BY_EPIC' },
    });
  });

  it('creates a system group, warning about its empty template', async () => {
    const result = await epicctl(
      'group',
      'create',
      systemGroup,
      '--system',
      '--prefix',
      prefix,
      '--shared',
    );
    expect(result.code).toBe(ExitCode.ok);
    expect(result.err).toContain(
      `warning: service group ${systemGroup} has an empty Envoy template`,
    );
    const shown = await epicctl('group', 'show', systemGroup);
    expect(shown.out).toContain('Account:            (system)');
  });

  it('refuses groups whose prefix or account does not exist (exit 3)', async () => {
    const noPrefix = await epicctl(
      'group',
      'create',
      'web2',
      '--account',
      account,
      '--prefix',
      't-ctl-nope',
    );
    expect(noPrefix.code).toBe(ExitCode.notFound);
    expect(noPrefix.err).toMatch(
      /^error: service prefix t-ctl-nope not found \(namespace epic\); create it with: epicctl prefix create/,
    );
    const noAccount = await epicctl(
      'group',
      'create',
      'web',
      '--account',
      't-ctl-nobody',
      '--prefix',
      prefix,
    );
    expect(noAccount).toMatchObject({
      code: ExitCode.notFound,
      err: 'error: account t-ctl-nobody not found (no Account t-ctl-nobody in namespace epic-t-ctl-nobody)\n',
    });
  });

  it('shows the prefix with its users and refuses to delete it while they exist', async () => {
    const shown = await epicctl('prefix', 'show', prefix);
    expect(shown.out).toContain(`${namespace}/web`);
    expect(shown.out).toContain(`${coreNamespace}/${systemGroup}`);
    const refused = await epicctl('prefix', 'delete', prefix);
    expect(refused.code).toBe(ExitCode.error);
    expect(refused.err).toMatch(
      new RegExp(
        `^error: service prefix ${prefix} is used by 2 service group\\(s\\) .*delete them first, or pass --force\\n$`,
      ),
    );
  });

  it("lists an account's groups", async () => {
    const listed = await epicctl('group', 'list', '--account', account, '-o', 'json');
    expect((JSON.parse(listed.out) as { items: unknown[] }).items).toHaveLength(1);
  });
});

describe('load balancers and IDs', () => {
  beforeAll(async () => {
    const lbs = new EpicObjects(kc, loadBalancerKind);
    const created = await lbs.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'LoadBalancer',
      metadata: { namespace, name: lbName },
      spec: {
        'service-group': 'web',
        'service-id': 1,
        'public-address': '192.168.77.2',
        'public-ports': [{ nodePort: 30390, port: 8888, protocol: 'TCP', targetPort: 8080 }],
      },
    });
    const endpoint = (tunnelId: number) => ({
      'epic-address': '192.168.1.40',
      'epic-port': { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' },
      'tunnel-id': tunnelId,
    });
    await lbs.replaceStatus({
      ...created,
      status: {
        'gue-tunnel-endpoints': {
          '192.168.1.16': endpoint(tunnelIds[0]!),
          '192.168.1.25': endpoint(tunnelIds[1]!),
        },
      },
    });
  });

  it('lb list shows service ID, address, ports and tunnel count', async () => {
    const result = await epicctl('lb', 'list', '--account', account);
    expect(result.out).toMatch(
      new RegExp(
        `^${account} +${lbName} +web +1 +192\\.168\\.77\\.2 +8888:30390/TCP +2 +\\d+[smhd]$`,
        'm',
      ),
    );
  });

  it('lb show finds the LB without --account and lists its tunnels; a missing one exits 3', async () => {
    const shown = await epicctl('lb', 'show', lbName);
    expect(shown.code).toBe(ExitCode.ok);
    expect(shown.out).toMatch(
      new RegExp(`192\\.168\\.1\\.16 +192\\.168\\.1\\.40 +6080 +${tunnelIds[0]}`),
    );
    const missing = await epicctl('lb', 'show', 'nope', '--account', account);
    expect(missing).toMatchObject({
      code: ExitCode.notFound,
      err: `error: load balancer nope not found in account ${account} (namespace ${namespace})\n`,
    });
  });

  it('ids reports counters and holders, whether or not the EPIC singleton exists', async () => {
    const result = await epicctl('ids', '--account', account, '-o', 'json');
    expect(result.code).toBe(ExitCode.ok);
    const report = JSON.parse(result.out) as {
      epic: { 'current-tunnel-id': number } | null;
      accounts: { account: string; 'group-id': number }[];
      holders: { kind: string; id: number; holder: string }[];
      problems: string[];
    };
    expect(report.accounts).toEqual([
      expect.objectContaining({ account, 'group-id': groupId, 'service-ids-held': 1 }),
    ]);
    expect(report.holders.map((h) => `${h.kind} ${h.id}`)).toEqual([
      `group ${groupId}`,
      'service 1',
      `tunnel ${tunnelIds[0]}`,
      `tunnel ${tunnelIds[1]}`,
    ]);
    // The test's IDs were never claimed from a counter, so `ids` flags them.
    expect(report.problems).toContain(
      `service ID 1 of LoadBalancer ${namespace}/${lbName} is above Account ${account} current-service-id (0): the next claim would hand it out again`,
    );
    if (report.epic)
      expect(report.problems.some((p) => p.startsWith(`tunnel ID ${tunnelIds[0]}`))).toBe(true);
    const checked = await epicctl('ids', '--account', account, '--check');
    expect(checked.code).toBe(ExitCode.error);
    expect(checked.err).toMatch(/^error: \d+ ID problem\(s\) found \(listed above\)\n$/);
    const everything = await epicctl('ids');
    expect(everything.code).toBe(ExitCode.ok);
    expect(everything.out).toMatch(/^EPIC epic\/epic/);
  });

  it('group delete refuses while the LB uses the group, and --force deletes it', async () => {
    const refused = await epicctl('group', 'delete', 'web', '--account', account);
    expect(refused).toMatchObject({
      code: ExitCode.error,
      err: `error: service group web still has 1 load balancer(s) (${lbName}); delete them first, or pass --force\n`,
    });
    expect(await epicctl('group', 'delete', 'web', '--account', account, '--force')).toMatchObject({
      code: ExitCode.ok,
    });
    expect((await epicctl('group', 'delete', 'web', '--account', account)).code).toBe(
      ExitCode.notFound,
    );
  });
});

describe('account delete', () => {
  it('refuses while load balancers remain, then deletes with --force --no-wait', async () => {
    const refused = await epicctl('account', 'delete', account);
    expect(refused.code).toBe(ExitCode.error);
    expect(refused.err).toBe(
      `error: account ${account} still has 1 load balancer and 0 gateway proxies; delete them first, or pass --force to delete everything in namespace ${namespace}\n`,
    );
    const started = await epicctl('account', 'delete', account, '--force', '--no-wait');
    expect(started).toMatchObject({
      code: ExitCode.ok,
      out: `account ${account}: namespace ${namespace} is being deleted\n`,
    });
  });

  it('waits for the namespace to go, or times out (exit 4) when nothing removes it', async () => {
    // Without kube-controller-manager (stack profile "core") nothing finalizes a namespace.
    const full = process.env.EPIC_STACK_PROFILE === 'full';
    const result = await epicctl(
      'account',
      'delete',
      slowAccount,
      '--timeout',
      full ? '60s' : '1s',
    );
    const ns = accountNamespace(slowAccount);
    if (full) {
      expect(result).toMatchObject({
        code: ExitCode.ok,
        out: `account ${slowAccount} deleted (namespace ${ns} is gone)\n`,
      });
      expect((await epicctl('account', 'show', slowAccount)).code).toBe(ExitCode.notFound);
    } else {
      expect(result.code).toBe(ExitCode.timedOut);
      expect(result.err).toContain(
        `error: timed out after 1s waiting for namespace ${ns} to go (namespace ${ns} is Terminating)`,
      );
    }
  });
});

describe('the entry point as a process', () => {
  const exec = promisify(execFile);
  const main = join(import.meta.dirname, 'main.ts');
  const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

  it('prints results on stdout and exits 0', async () => {
    const { stdout } = await exec(tsx, [main, 'account', 'show', quickAccount, '-o', 'json']);
    expect((JSON.parse(stdout) as { metadata: { name: string } }).metadata.name).toBe(quickAccount);
  });

  it('exits 3 with one error line for a missing account', async () => {
    const failed = await exec(tsx, [main, 'account', 'show', 't-ctl-missing']).catch(
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failed).toMatchObject({
      code: ExitCode.notFound,
      stdout: '',
      stderr: 'error: account t-ctl-missing not found (no namespace epic-t-ctl-missing)\n',
    });
  });
});
