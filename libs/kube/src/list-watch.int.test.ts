// A watch resumed from a resourceVersion that etcd has compacted away (as after a long outage)
// gets 410 Gone from the REAL apiserver; ListWatch must relist (reason `gone`) and see what
// happened meanwhile. The stack serves ConfigMap watches from etcd itself (no watch cache, see
// tools/stack/apiserver.sh), so compacting etcd makes the old resourceVersion really gone.
import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ListWatch, type ListWatchEvent } from './list-watch.js';
import { loadKubeConfig } from './kube-config.js';
import { deleteNamespace, ensureNamespace } from './namespaces.js';

const namespace = `t-watch-${randomBytes(4).toString('hex')}`;
let kc: KubeConfig;
let core: CoreV1Api;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  core = kc.makeApiClient(CoreV1Api);
  await ensureNamespace(kc, namespace);
});
afterAll(async () => deleteNamespace(kc, namespace));

/** Compacts the stack's etcd at its current revision: every older resourceVersion is gone. */
async function compactEtcd(): Promise<void> {
  const etcd = process.env.EPIC_ETCD_ENDPOINT;
  if (!etcd) throw new Error('EPIC_ETCD_ENDPOINT is not set (npm run -s stack:env exports it)');
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${etcd}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`etcd ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { header: { revision: string } };
  };
  const { header } = await post('/v3/kv/range', {
    key: Buffer.from('/').toString('base64'),
    limit: 1,
  });
  await post('/v3/kv/compaction', { revision: header.revision, physical: true });
}

const names = (items: unknown[]) =>
  items.map((i) => (i as { metadata: { name: string } }).metadata.name).sort();

it(
  'relists after 410 Gone and sees objects created while it was not watching',
  { timeout: 60_000 },
  async () => {
    const listConfigMaps = async () => {
      const list = await core.listNamespacedConfigMap({ namespace });
      return {
        items: JSON.parse(JSON.stringify(list.items)) as unknown[],
        resourceVersion: list.metadata?.resourceVersion ?? '',
      };
    };
    const stale = '1'; // compacted away below
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'made-while-away' } },
    });
    await compactEtcd();

    // The first list hands out the stale resourceVersion, as a watch that was away would resume from.
    let calls = 0;
    const seen: ListWatchEvent[] = [];
    const lw = new ListWatch(
      kc,
      {
        kind: 'ConfigMap',
        path: `/api/v1/namespaces/${namespace}/configmaps`,
        list: async () =>
          calls++ === 0 ? { items: [], resourceVersion: stale } : listConfigMaps(),
      },
      (e) => seen.push(e),
      { logger: pino({ level: 'silent' }), resyncMs: 600_000, minBackoffMs: 50 },
    );
    lw.start();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !seen.some((e) => e.type === 'LIST' && e.reason === 'gone'))
      await sleep(100);
    await lw.stop();

    const lists = seen.filter((e) => e.type === 'LIST');
    expect(lists.map((l) => l.reason)).toEqual(['start', 'gone']);
    // (with the full profile, kube-controller-manager also puts kube-root-ca.crt in every namespace)
    expect(names(lists[1]?.type === 'LIST' ? lists[1].items : [])).toContain('made-while-away');
  },
);
