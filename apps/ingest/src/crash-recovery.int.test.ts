// Kill -9 ingest in the middle of a burst of 500 changes and start it again: every change is
// still represented by at least one event whose resourceVersion is at least the change's.
// Duplicates are allowed (same uid and resourceVersion) and counted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { LoadBalancer, loadBalancerKind } from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { EpicObjects, loadKubeConfig } from '@epic/kube';
import { createTestAccountNamespace } from '@epic/testing';
import { eventBus, eventually } from '@epic/ingest-pipeline/testing';
import { spawnIngest, type IngestProcess } from './ingest-process.js';

let kc: KubeConfig;
let bus: Awaited<ReturnType<typeof eventBus>>;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
const processes: IngestProcess[] = [];

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  bus = await eventBus();
  ns = await createTestAccountNamespace(kc, 'crash');
}, 120_000);

afterAll(async () => {
  for (const p of processes) await p.terminate();
  await ns?.remove();
  await bus?.close();
});

const lbCount = 125;
const updatesEach = 3; // 125 creates + 375 updates = 500 changes

it('loses no change when killed with SIGKILL mid-burst', { timeout: 300_000 }, async () => {
  const env = {
    EPIC_TOPIC_PREFIX: bus.prefix,
    EPIC_INGEST_LEASE_NAME: `${bus.prefix}-ingest`,
    EPIC_INGEST_LEASE_SECONDS: '4',
  };
  processes.push(spawnIngest({ ...env, EPIC_INGEST_IDENTITY: 'first' }));
  await eventually(
    'ingest to lead and publish',
    () => bus.events.find((e) => e.source.name === ns.namespace),
    60_000,
  );

  const lbs = new EpicObjects(kc, loadBalancerKind);
  const seed = LoadBalancer.parse(seedLoadBalancer);
  const lastWrite = new Map<string, bigint>(); // LB name -> resourceVersion of its last change
  const names = Array.from({ length: lbCount }, (_, i) => `lb-${i}`);
  const write = async (name: string, round: number) => {
    const ref = { namespace: ns.namespace, name };
    const body =
      round === 0
        ? { ...seed, metadata: ref, status: undefined }
        : {
            ...(await lbs.get(ref)),
            spec: { ...seed.spec, 'display-name': `round ${round}` },
          };
    const written = round === 0 ? await lbs.create(body) : await lbs.replace(body);
    lastWrite.set(name, BigInt(written.metadata.resourceVersion ?? '0'));
  };

  let changes = 0;
  for (let round = 0; round <= updatesEach; round++) {
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map((n) => write(n, round)));
      changes += Math.min(25, names.length - i);
      if (changes === 250) {
        // mid-burst and mid-publish: the first ingest has demonstrably published part of it
        await eventually('ingest publishing the burst', () =>
          bus.events.filter(
            (e) => e.source.namespace === ns.namespace && e.source.kind === 'LoadBalancer',
          ).length >= 50
            ? true
            : undefined,
        );
        processes[0]?.kill9();
        processes.push(spawnIngest({ ...env, EPIC_INGEST_IDENTITY: 'second' }));
      }
    }
  }
  expect(changes).toBe(500);

  const covered = () => {
    const newest = new Map<string, bigint>();
    for (const e of bus.events) {
      if (e.source.namespace !== ns.namespace || e.source.kind !== 'LoadBalancer') continue;
      const rv = BigInt(e.source.resourceVersion);
      if (rv > (newest.get(e.source.name) ?? -1n)) newest.set(e.source.name, rv);
    }
    return names.every((n) => (newest.get(n) ?? -1n) >= (lastWrite.get(n) ?? 0n))
      ? newest
      : undefined;
  };
  await eventually('every change represented after the restart', covered, 120_000);

  const ours = bus.events.filter(
    (e) => e.source.namespace === ns.namespace && e.source.kind === 'LoadBalancer',
  );
  const distinct = new Set(ours.map((e) => `${e.source.uid}@${e.source.resourceVersion}/${e.type}`))
    .size;
  process.stderr.write(
    `[crash-recovery] ${changes} changes -> ${ours.length} events (${ours.length - distinct} duplicates)\n`,
  );
  expect(
    new Set(
      ours
        .filter((e) => e.type === 'LoadBalancerRequested' || e.type === 'LoadBalancerObserved')
        .map((e) => e.source.name),
    ).size,
  ).toBe(lbCount);
});
