// Defaults of new LoadBalancers and GWProxies, checked on the object the patch produces (as the
// apiserver would store it before its own defaulting).
import { describe, expect, it } from 'vitest';
import {
  controllerFinalizer,
  LoadBalancer,
  owningLBServiceGroupLabel,
  owningServicePrefixLabel,
  type LBServiceGroup,
} from '@epic/model';
import type { Facts } from './facts.js';
import { applyPatch } from './json-patch.js';
import { mutateReview, mutationResponse } from './mutate.js';
import {
  envoyTemplate,
  gwProxy,
  loadBalancer,
  parsed,
  review,
  serviceGroup,
  withFinalizer,
  type RequestInput,
} from './testdata/index.js';

const key = 'q83vEjRWeJCrze8SNFZ4kA==';
const group = parsed<LBServiceGroup>('LBServiceGroup', serviceGroup());
const facts: Facts = { serviceGroup: group };

function mutated(input: RequestInput, f: Facts = facts) {
  const r = review(input);
  let keysAsked = 0;
  const result = mutateReview({
    review: r,
    facts: f,
    newTunnelKey: () => {
      keysAsked += 1;
      return key;
    },
  });
  const object = applyPatch(r.rawObject ?? {}, result.patch) as {
    metadata: { finalizers?: string[]; labels?: Record<string, string> };
    spec: Record<string, unknown>;
  };
  return { ...result, object, keysAsked };
}

describe('a new LoadBalancer', () => {
  const { object, warnings, patch, keysAsked } = mutated({
    kind: 'LoadBalancer',
    object: loadBalancer({ 'public-address': '192.168.77.2' }),
  });

  it('gets the controller finalizer, a tunnel key and its group label', () => {
    expect(object.metadata.finalizers).toEqual([controllerFinalizer]);
    expect(object.spec['tunnel-key']).toBe(key);
    expect(keysAsked).toBe(1);
    expect(object.metadata.labels).toEqual({ [owningLBServiceGroupLabel]: 'web' });
  });

  it("copies the group's Envoy template and replica count", () => {
    expect(object.spec['envoy-template']).toEqual(envoyTemplate);
    expect(object.spec['envoy-replica-count']).toBe(2);
  });

  it("gets the group's DNS record, rendered without escaping", () => {
    expect(object.spec.endpoints).toEqual([
      {
        dnsName: 'shop.web.client.acnodal.io',
        recordType: 'A',
        recordTTL: 180,
        targets: ['192.168.77.2'],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('is still a valid LoadBalancer, and the patch touches only metadata and spec', () => {
    expect(LoadBalancer.safeParse(object).success).toBe(true);
    expect(
      patch.every((op) => op.path.startsWith('/metadata/') || op.path.startsWith('/spec/')),
    ).toBe(true);
    // The Envoy template holds `'` and `+`: copied as data, never escaped.
    expect(JSON.stringify(object.spec['envoy-template'])).toContain("{{ .ServiceName }} + 'q'");
  });

  it('answers with a base64 JSON Patch', () => {
    const response = mutationResponse('u', { patch, warnings });
    expect(response.patchType).toBe('JSONPatch');
    expect(JSON.parse(Buffer.from(response.patch!, 'base64').toString())).toEqual(patch);
  });
});

describe('what the client set is kept', () => {
  it.each<[string, RequestInput, (o: ReturnType<typeof mutated>) => void]>([
    [
      'finalizer already there: added once, never twice',
      { kind: 'LoadBalancer', object: loadBalancer({}, withFinalizer) },
      (m) => expect(m.object.metadata.finalizers).toEqual([controllerFinalizer]),
    ],
    [
      'other finalizers stay, ours is appended',
      { kind: 'LoadBalancer', object: loadBalancer({}, { finalizers: ['x.io/other'] }) },
      (m) => expect(m.object.metadata.finalizers).toEqual(['x.io/other', controllerFinalizer]),
    ],
    [
      'tunnel key given: no new one is drawn',
      { kind: 'LoadBalancer', object: loadBalancer({ 'tunnel-key': 'AAAAAAAAAAAAAAAAAAAAAA==' }) },
      (m) => {
        expect(m.object.spec['tunnel-key']).toBe('AAAAAAAAAAAAAAAAAAAAAA==');
        expect(m.keysAsked).toBe(0);
      },
    ],
    [
      'replicas given: kept; 0 counts as unset (as in the original)',
      { kind: 'LoadBalancer', object: loadBalancer({ 'envoy-replica-count': 3 }) },
      (m) => expect(m.object.spec['envoy-replica-count']).toBe(3),
    ],
    [
      'replicas 0: the group count',
      { kind: 'LoadBalancer', object: loadBalancer({ 'envoy-replica-count': 0 }) },
      (m) => expect(m.object.spec['envoy-replica-count']).toBe(2),
    ],
    [
      'template given: kept',
      { kind: 'LoadBalancer', object: loadBalancer({ 'envoy-template': { nodeID: 'mine' } }) },
      (m) => expect(m.object.spec['envoy-template']).toEqual({ nodeID: 'mine' }),
    ],
    [
      'an endpoint of the same name: not added again',
      {
        kind: 'LoadBalancer',
        object: loadBalancer({
          endpoints: [{ dnsName: 'shop.web.client.acnodal.io', targets: ['1.2.3.4'] }],
        }),
      },
      (m) =>
        expect(m.object.spec.endpoints).toEqual([
          { dnsName: 'shop.web.client.acnodal.io', targets: ['1.2.3.4'] },
        ]),
    ],
    [
      'other labels stay; a group label given is not overwritten (validation judges it)',
      {
        kind: 'LoadBalancer',
        object: loadBalancer({}, { labels: { team: 'a', [owningLBServiceGroupLabel]: 'other' } }),
      },
      (m) =>
        expect(m.object.metadata.labels).toEqual({
          team: 'a',
          [owningLBServiceGroupLabel]: 'other',
        }),
    ],
  ])('%s', (_, input, check) => check(mutated(input)));
});

describe('a new GWProxy', () => {
  it('gets the same defaults; the default template works for it too (original defect 17)', () => {
    const m = mutated({ kind: 'GWProxy', object: gwProxy({ 'public-address': '2001:db8::7' }) });
    expect(m.object.metadata.finalizers).toEqual([controllerFinalizer]);
    expect(m.object.spec['tunnel-key']).toBe(key);
    expect(m.object.spec.endpoints).toEqual([
      {
        dnsName: 'gateway.web.client.acnodal.io',
        recordType: 'AAAA',
        recordTTL: 180,
        targets: ['2001:db8::7'],
      },
    ]);
  });

  it('named by its label: no label added', () => {
    const m = mutated({
      kind: 'GWProxy',
      object: gwProxy(
        { 'service-group': undefined },
        { labels: { [owningLBServiceGroupLabel]: 'web' } },
      ),
    });
    expect(m.object.metadata.labels).toEqual({ [owningLBServiceGroupLabel]: 'web' });
    expect(m.object.spec['envoy-replica-count']).toBe(2);
  });

  it('without a display-name there is no DNS name: a warning says why', () => {
    const m = mutated({ kind: 'GWProxy', object: gwProxy({ 'display-name': undefined }) });
    expect(m.object.spec.endpoints).toBeUndefined();
    expect(m.warnings).toEqual([
      'GWProxy epic-acme/gw-1 gets no DNS record: the endpoint-template of service group web: dnsName "{{.PureLBServiceName}}.{{.LBSGName}}.client.acnodal.io" renders to ".web.client.acnodal.io", which is not a DNS name',
    ]);
  });
});

describe('no defaults', () => {
  it.each<[string, RequestInput, Facts?]>([
    [
      'on UPDATE',
      {
        kind: 'LoadBalancer',
        operation: 'UPDATE',
        object: loadBalancer(),
        oldObject: loadBalancer(),
      },
    ],
    ['on DELETE', { kind: 'LoadBalancer', operation: 'DELETE', oldObject: loadBalancer() }],
    [
      'for other kinds',
      { kind: 'LBServiceGroup', object: serviceGroup({}, { [owningServicePrefixLabel]: 'p' }) },
    ],
    [
      'for an object the schema refuses',
      { kind: 'LoadBalancer', object: loadBalancer({ 'public-ports': 'x' }) },
    ],
    [
      'on a status write',
      {
        kind: 'LoadBalancer',
        operation: 'UPDATE',
        subResource: 'status',
        object: loadBalancer(),
        oldObject: loadBalancer(),
      },
    ],
  ])('%s', (_, input, f) => {
    expect(mutated(input, f).patch).toEqual([]);
  });

  it('from a missing group: only finalizer, key and label', () => {
    const m = mutated({ kind: 'LoadBalancer', object: loadBalancer() }, { serviceGroup: null });
    expect(Object.keys(m.object.spec).sort()).toEqual(
      ['display-name', 'public-ports', 'service-group', 'tunnel-key'].sort(),
    );
    expect(m.object.metadata.finalizers).toEqual([controllerFinalizer]);
  });
});
