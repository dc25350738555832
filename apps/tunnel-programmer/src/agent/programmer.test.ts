// The programmer with the real runner and the real true-ingress driver against the recording
// fake CLIs (src/testdata/fake-true-ingress): what the node holds after each run, that a second
// run changes nothing, that drift is healed, and how a missing or failing data plane is told.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@epic/logging';
import { nodeTunnelTables, type NodeTunnelTable } from '@epic/tunnel-plan';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dispatchInput } from '../dispatcher/plan-input.js';
import type { World } from '../dispatcher/world-reader.js';
import { FakeTrueIngress } from '../testdata/fake-true-ingress.js';
import { clientA, envoyPod, remoteEndpoint, seedWorld } from '../testdata/objects.js';
import { createRunner } from './command-runner.js';
import { dataPlaneDriver } from './drivers.js';
import { DataPlaneProgrammer } from './programmer.js';

const log = createLogger({ app: 'test', level: 'silent' });
let fake: FakeTrueIngress;

function tableOf(world: World): NodeTunnelTable {
  return nodeTunnelTables(dispatchInput(world).plan).find((t) => t.node === 'epic-1')!;
}

function programmer(binDir = fake.binDir) {
  const runner = createRunner({ timeoutMs: 5000 });
  return new DataPlaneProgrammer({
    dataPlane: dataPlaneDriver({ name: 'true-ingress', runner, binDir }),
    runner,
    interfaceSource: 'annotations',
    ip: 'ip',
    log,
  });
}

async function held() {
  const state = await fake.state('epic-1');
  return {
    tunnels: Object.fromEntries(state.tunnels),
    gateways: Object.fromEntries(state.gateways),
  };
}

beforeAll(async () => {
  fake = await FakeTrueIngress.create();
  // The fake CLIs find their state through the environment the runner passes on.
  process.env.FAKE_TRUE_INGRESS_STATE = fake.stateDir('epic-1');
});
afterAll(async () => {
  await fake?.remove();
});
beforeEach(async () => {
  await rm(fake.stateDir('epic-1'), { recursive: true, force: true });
});

describe('DataPlaneProgrammer with true-ingress', () => {
  it('programs the seed example, then finds nothing to do', async () => {
    const p = programmer();
    const first = await p.program(tableOf(seedWorld()));
    expect(first).toMatchObject({ kind: 'programmed', commands: 4, problems: [] });
    expect(await held()).toEqual({
      tunnels: { 1: '192.168.1.40:6080', 2: '192.168.1.40:6080' },
      gateways: { 'tcp 10.1.0.7:8080 16': 2, 'tcp 10.1.1.3:8080 16': 1 },
    });
    expect(await p.program(tableOf(seedWorld()))).toMatchObject({
      kind: 'programmed',
      commands: 0,
    });
  });

  it('takes off what the table no longer has, and heals what was changed behind its back', async () => {
    const p = programmer();
    await p.program(tableOf(seedWorld()));
    const oneClient = seedWorld({
      remoteEndpoints: [remoteEndpoint('sample-acnodal', '10.1.0.7', clientA)],
    });
    await p.program(tableOf(oneClient));
    expect(await held()).toEqual({
      tunnels: { 2: '192.168.1.40:6080' },
      gateways: { 'tcp 10.1.0.7:8080 16': 2 },
    });
    await rm(join(fake.stateDir('epic-1'), 'tunnels', '2'));
    expect(await p.program(tableOf(oneClient))).toMatchObject({ kind: 'programmed', commands: 1 });
    expect((await held()).tunnels).toEqual({ 2: '192.168.1.40:6080' });
  });

  it('programs tunnels for a pod whose veth is unknown, and says its gateways wait', async () => {
    const noVeth = seedWorld({ pods: [envoyPod('envoy-sample-0', 'sample-acnodal', 'epic-1')] });
    const outcome = await programmer().program(tableOf(noVeth));
    expect(outcome).toMatchObject({ kind: 'programmed', commands: 2 });
    expect(outcome.kind === 'programmed' && outcome.problems).toEqual([
      expect.stringContaining('has no known interface on node epic-1 yet'),
    ]);
    expect((await held()).gateways).toEqual({});
  });

  it('a node without the CLIs is unavailable, saying what is missing and what to do', async () => {
    const outcome = await programmer('/nonexistent/acnodal/bin').program(tableOf(seedWorld()));
    expect(outcome).toEqual({
      kind: 'unavailable',
      table: tableOf(seedWorld()),
      message:
        'true-ingress driver: /nonexistent/acnodal/bin/cli_tunnel is missing or not executable (ENOENT); install true-ingress or point --bin-dir at it',
    });
  });

  it('a failing command stops the run and explains itself with its stderr', async () => {
    await fake.setFailure('epic-1', 'map_tunnel: bpf_map_update_elem failed');
    try {
      const outcome = await programmer().program(tableOf(seedWorld()));
      expect(outcome).toMatchObject({ kind: 'failed', commands: 0 });
      expect(outcome.kind === 'failed' && outcome.message).toMatch(
        /cli_tunnel set 1 192\.168\.1\.40 6080 0 0: exit 1: map_tunnel: bpf_map_update_elem failed$/,
      );
    } finally {
      await fake.setFailure('epic-1', undefined);
    }
    expect(await programmer().program(tableOf(seedWorld()))).toMatchObject({
      kind: 'programmed',
      commands: 4,
    });
  });
});
