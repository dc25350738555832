// A watch resumed from a resourceVersion the apiserver no longer has (older than its watch
// cache's window, as after a long outage) gets 410 Gone from the REAL apiserver; ListWatch
// must relist (reason `gone`) and see what happened meanwhile.
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
    const stale = '1'; // far older than the watch cache's window
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'made-while-away' } },
    });

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
