import { describe, expect, it } from 'vitest';
import { idFieldProblems } from './id-fields.js';
import { defaultIdWriters, parseIdWriters } from './id-writers.js';
import {
  accountObject,
  admin,
  idAllocator,
  loadBalancer,
  review,
  type RequestInput,
} from './testdata/index.js';

const writers = parseIdWriters(defaultIdWriters);

const epic = (status: object) => ({
  apiVersion: 'epic.acnodal.io/v1',
  kind: 'EPIC',
  metadata: { name: 'epic', namespace: 'epic' },
  spec: {},
  status,
});

const tunnels = (ids: Record<string, number>, pair?: number) => ({
  ...loadBalancer(),
  status: {
    'gue-tunnel-endpoints': Object.fromEntries(
      Object.entries(ids).map(([node, id]) => [
        node,
        {
          'tunnel-id': id,
          ...(pair === undefined
            ? {}
            : { 'epic-endpoints': { '10.0.0.2': { 'tunnel-id': pair } } }),
        },
      ]),
    ),
  },
});

interface Row {
  name: string;
  input: RequestInput;
  /** Expected messages (regexes), in order; [] = allowed. */
  want: RegExp[];
}

const rows: Row[] = [
  {
    name: 'create without IDs',
    input: { kind: 'LoadBalancer', object: loadBalancer() },
    want: [],
  },
  {
    name: 'create with service-id by a user',
    input: { kind: 'LoadBalancer', object: loadBalancer({ 'service-id': 7 }) },
    want: [
      /^LoadBalancer epic-acme\/shop: spec.service-id cannot be set by user "admin" \(only the id-allocator writes IDs\): remove spec.service-id and let EPIC allocate it$/,
    ],
  },
  {
    name: 'create with service-id 0 (no ID) by a user',
    input: { kind: 'LoadBalancer', object: loadBalancer({ 'service-id': 0 }) },
    want: [],
  },
  {
    name: 'create with service-id by the id-allocator',
    input: { kind: 'LoadBalancer', object: loadBalancer({ 'service-id': 7 }), user: idAllocator },
    want: [],
  },
  {
    name: 'create an Account with group-id',
    input: { kind: 'Account', object: accountObject({ 'group-id': 3 }) },
    want: [/Account epic-acme\/acme: spec.group-id cannot be set/],
  },
  {
    name: 'update keeps service-id',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      object: loadBalancer({ 'service-id': 7, 'display-name': 'new' }),
      oldObject: loadBalancer({ 'service-id': 7 }),
    },
    want: [],
  },
  {
    name: 'update changes service-id',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      object: loadBalancer({ 'service-id': 9 }),
      oldObject: loadBalancer({ 'service-id': 7 }),
    },
    want: [/spec.service-id is 7 and cannot be changed to 9 by user "admin" .*: keep 7$/],
  },
  {
    name: 'update removes group-id',
    input: {
      kind: 'Account',
      operation: 'UPDATE',
      object: accountObject(),
      oldObject: accountObject({ 'group-id': 3 }),
    },
    want: [/spec.group-id is 3 and cannot be removed by user "admin" .*: keep 3$/],
  },
  {
    name: 'the id-allocator records group-id',
    input: {
      kind: 'Account',
      operation: 'UPDATE',
      object: accountObject({ 'group-id': 3 }),
      oldObject: accountObject(),
      user: idAllocator,
    },
    want: [],
  },
  {
    name: 'status: a user sets a tunnel ID',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      subResource: 'status',
      object: tunnels({ '192.168.1.16': 5 }),
      oldObject: loadBalancer(),
    },
    want: [/status.gue-tunnel-endpoints.192.168.1.16.tunnel-id cannot be set by user "admin"/],
  },
  {
    name: 'status: a user changes a per-EPIC-node tunnel ID',
    input: {
      kind: 'GWProxy',
      operation: 'UPDATE',
      subResource: 'status',
      object: { ...tunnels({ n1: 5 }, 7), kind: 'GWProxy' },
      oldObject: { ...tunnels({ n1: 5 }, 6), kind: 'GWProxy' },
    },
    want: [/n1.epic-endpoints.10.0.0.2.tunnel-id is 6 and cannot be changed to 7/],
  },
  {
    name: 'status: a worker drops a client node and writes other status',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      subResource: 'status',
      object: {
        ...tunnels({ n2: 4 }),
        status: { ...tunnels({ n2: 4 }).status, 'proxy-ifindex': 16 },
      },
      oldObject: tunnels({ n1: 3, n2: 4 }),
    },
    want: [],
  },
  {
    name: 'status: a user moves the tunnel counter',
    input: {
      kind: 'EPIC',
      operation: 'UPDATE',
      subResource: 'status',
      object: epic({ 'current-tunnel-id': 2 }),
      oldObject: epic({ 'current-tunnel-id': 9, 'current-group-id': 4 }),
    },
    want: [
      /^EPIC epic\/epic: status.current-group-id is 4 and cannot be removed/,
      /status.current-tunnel-id is 9 and cannot be changed to 2/,
    ],
  },
  {
    name: 'status: the id-allocator moves the counters',
    input: {
      kind: 'Account',
      operation: 'UPDATE',
      subResource: 'status',
      object: { ...accountObject(), status: { 'current-service-id': 8 } },
      oldObject: { ...accountObject(), status: { 'current-service-id': 7 } },
      user: idAllocator,
    },
    want: [],
  },
  {
    name: 'status is not judged on the main resource (the apiserver drops it there)',
    input: {
      kind: 'EPIC',
      operation: 'UPDATE',
      object: epic({ 'current-tunnel-id': 2 }),
      oldObject: epic({ 'current-tunnel-id': 9 }),
    },
    want: [],
  },
  {
    name: 'delete is not an ID write',
    input: {
      kind: 'LoadBalancer',
      operation: 'DELETE',
      oldObject: loadBalancer({ 'service-id': 7 }),
    },
    want: [],
  },
];

describe('ID fields', () => {
  it.each(rows)('$name', ({ input, want }) => {
    const problems = idFieldProblems(review({ user: admin, ...input }), writers);
    expect(problems.map((p) => p.code)).toEqual(want.map(() => 'forbidden'));
    problems.forEach((p, i) => expect(p.message).toMatch(want[i]!));
  });
});
