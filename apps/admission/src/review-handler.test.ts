import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  defaultIdWriters,
  parseIdWriters,
  type FactQueries,
  type Facts,
} from '@epic/admission-rules';
import {
  admissionRequest,
  gwProxy,
  loadBalancer,
  parsed,
  serviceGroup,
} from '@epic/admission-rules/testdata';
import { createLogger } from '@epic/logging';
import type { LBServiceGroup } from '@epic/model';
import { createAdmissionMetrics } from './admission-metrics.js';
import { handleReview, type ReviewHandlerDeps } from './review-handler.js';

const key = 'q83vEjRWeJCrze8SNFZ4kA==';

function harness(readFacts: (q: FactQueries) => Promise<Facts>) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const deps: ReviewHandlerDeps = {
    readFacts,
    policy: { idWriters: parseIdWriters(defaultIdWriters) },
    newTunnelKey: () => key,
    metrics: createAdmissionMetrics(),
    logger: createLogger({ app: 'admission-test', level: 'debug', destination }),
  };
  return { deps, lines };
}

const review = (request: unknown) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request,
});

const group = parsed<LBServiceGroup>('LBServiceGroup', serviceGroup());

describe('handleReview', () => {
  it('patches a new LoadBalancer and never logs its tunnel key', async () => {
    const { deps, lines } = harness(() => Promise.resolve({ serviceGroup: group }));
    const result = await handleReview(
      'mutate',
      review(admissionRequest({ kind: 'LoadBalancer', object: loadBalancer() })),
      deps,
    );
    expect(result.status).toBe(200);
    if (result.status !== 200) return;
    expect(result.body.response.allowed).toBe(true);
    expect(result.body.response.patchType).toBe('JSONPatch');
    expect(lines.join('')).not.toContain(key);
    const metrics = await deps.metrics.registry.metrics();
    expect(metrics).toContain(
      'epic_admission_requests_total{webhook="mutate",kind="LoadBalancer",operation="CREATE",verdict="patched"} 1',
    );
  });

  it('reads only the facts the decision needs', async () => {
    const asked: FactQueries[] = [];
    const { deps } = harness((q) => {
      asked.push(q);
      return Promise.resolve({ serviceGroup: group, account: null, proxies: [] });
    });
    const result = await handleReview(
      'validate',
      review(admissionRequest({ kind: 'GWProxy', object: gwProxy() })),
      deps,
    );
    expect(asked).toEqual([
      {
        serviceGroup: { name: 'web', namespaces: ['epic-acme', 'epic'] },
        account: { namespace: 'epic-acme', name: 'acme' },
        proxies: 'epic-acme',
      },
    ]);
    expect(result.status === 200 && result.body.response.status).toEqual({
      code: 422,
      reason: 'Invalid',
      message:
        'GWProxy epic-acme/gw-1: namespace epic-acme has no Account "acme": create the Account first',
    });
  });

  it('answers 503 (retry) when the facts cannot be read, and counts an error', async () => {
    const { deps, lines } = harness(() => Promise.reject(new Error('reading Account x failed')));
    const result = await handleReview(
      'validate',
      review(admissionRequest({ kind: 'LoadBalancer', object: loadBalancer() })),
      deps,
    );
    expect(result.status === 200 && result.body.response).toMatchObject({
      allowed: false,
      status: {
        code: 503,
        message:
          'EPIC admission could not check CREATE LoadBalancer epic-acme/shop by user "admin" (reading Account x failed): retry',
      },
    });
    expect(lines.some((l) => l.includes('"level":"error"'))).toBe(true);
    expect(await deps.metrics.registry.metrics()).toContain('verdict="error"} 1');
  });

  it('allows kinds that are not ours (misconfigured rules must not block the cluster)', async () => {
    const { deps } = harness(() => Promise.reject(new Error('not called')));
    const request = {
      ...admissionRequest({ kind: 'LoadBalancer', object: loadBalancer() }),
      kind: { group: '', version: 'v1', kind: 'Pod' },
    };
    const result = await handleReview('validate', review(request), deps);
    expect(result.status === 200 && result.body.response).toEqual({
      uid: request.uid,
      allowed: true,
    });
  });

  it('refuses a body that is not an AdmissionReview with 400', async () => {
    const { deps } = harness(() => Promise.resolve({}));
    const result = await handleReview('validate', { kind: 'Nope' }, deps);
    expect(result.status).toBe(400);
  });
});
