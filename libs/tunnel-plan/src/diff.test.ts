import { describe, expect, it } from 'vitest';
import { diffResources, resourceKey, type DiffOp, type KindPolicy, type Resource } from './diff.js';
import { pick, prng } from './testdata/prng.js';

const kinds: KindPolicy[] = [
  { kind: 'port', removeExtras: false },
  { kind: 'tunnel', removeExtras: true },
  { kind: 'gateway', removeExtras: true },
];

const tunnel = (id: number, local = '192.168.1.40', key = 'k1'): Resource => ({
  kind: 'tunnel',
  id: String(id),
  spec: { local, key },
});
const gateway = (id: string, tunnelId: number): Resource => ({
  kind: 'gateway',
  id,
  spec: { tunnelId },
});
const port = (id: number): Resource => ({ kind: 'port', id: String(id), spec: { type: 'gue' } });

const brief = (ops: DiffOp[]) => ops.map((op) => `${op.op} ${op.kind}/${op.id}`);

describe('diffResources', () => {
  it.each<[string, Resource[], Resource[], string[]]>([
    ['nothing on either side', [], [], []],
    [
      'an empty node gets everything, in dependency order',
      [],
      [gateway('g1', 7), tunnel(7), port(6080)],
      ['add port/6080', 'add tunnel/7', 'add gateway/g1'],
    ],
    [
      'a matching node gets nothing',
      [tunnel(7), gateway('g1', 7)],
      [gateway('g1', 7), tunnel(7)],
      [],
    ],
    [
      'extras are removed, dependents first',
      [tunnel(7), gateway('g1', 7), tunnel(8)],
      [],
      ['remove gateway/g1', 'remove tunnel/7', 'remove tunnel/8'],
    ],
    [
      'a changed key is an update',
      [tunnel(7, '192.168.1.40', 'k1')],
      [tunnel(7, '192.168.1.40', 'k2')],
      ['update tunnel/7'],
    ],
    [
      'a changed address is an update',
      [tunnel(7, '192.168.1.40')],
      [tunnel(7, '192.168.1.41')],
      ['update tunnel/7'],
    ],
    [
      'a gateway moving to another tunnel is an update',
      [gateway('g1', 7)],
      [gateway('g1', 8)],
      ['update gateway/g1'],
    ],
    ['kinds that leave extras alone are not removed', [port(5555), port(6080)], [port(6080)], []],
    [
      'removes, then updates, then adds',
      [tunnel(1), tunnel(2, '10.0.0.1'), gateway('old', 1)],
      [tunnel(2, '10.0.0.2'), tunnel(3), gateway('new', 3)],
      [
        'remove gateway/old',
        'remove tunnel/1',
        'update tunnel/2',
        'add tunnel/3',
        'add gateway/new',
      ],
    ],
    [
      'ids sort naturally',
      [],
      [tunnel(10), tunnel(9), tunnel(100)],
      ['add tunnel/9', 'add tunnel/10', 'add tunnel/100'],
    ],
  ])('%s', (_, actual, desired, expected) => {
    expect(brief(diffResources({ actual, desired, kinds }))).toEqual(expected);
  });

  it('an update carries both sides', () => {
    const [op] = diffResources({ actual: [tunnel(7, 'a')], desired: [tunnel(7, 'b')], kinds });
    expect(op).toEqual({
      op: 'update',
      kind: 'tunnel',
      id: '7',
      before: tunnel(7, 'a'),
      after: tunnel(7, 'b'),
    });
  });

  it('a field present on one side only is a difference', () => {
    const bare: Resource = { kind: 'tunnel', id: '7', spec: { local: '192.168.1.40' } };
    expect(brief(diffResources({ actual: [bare], desired: [tunnel(7)], kinds }))).toEqual([
      'update tunnel/7',
    ]);
  });

  it.each([
    [
      'a duplicate desired resource',
      [],
      [tunnel(1), tunnel(1)],
      /desired resource tunnel\/1 is listed twice/,
    ],
    [
      'a duplicate actual resource',
      [tunnel(1), tunnel(1)],
      [],
      /actual resource tunnel\/1 is listed twice/,
    ],
    [
      'an unknown kind',
      [{ kind: 'route', id: 'x', spec: {} }],
      [],
      /actual resource route\/x has an unknown kind/,
    ],
  ])('refuses %s', (_, actual, desired, error) => {
    expect(() => diffResources({ actual, desired, kinds })).toThrow(error);
  });
});

describe('applying a plan reaches the desired state (300 seeded worlds)', () => {
  const apply = (actual: Resource[], ops: DiffOp[]) => {
    const state = new Map(actual.map((r) => [resourceKey(r), r]));
    for (const op of ops) {
      if (op.op === 'remove') state.delete(resourceKey(op.before));
      else state.set(resourceKey(op.after), op.after);
    }
    return [...state.values()];
  };
  const world = (random: () => number): Resource[] => {
    const resources = new Map<string, Resource>();
    for (let i = 0; i < Math.floor(random() * 12); i++) {
      const r = pick(random, [
        () =>
          tunnel(
            1 + Math.floor(random() * 6),
            pick(random, ['a', 'b']),
            pick(random, ['k1', 'k2']),
          ),
        () => gateway(`g${Math.floor(random() * 6)}`, 1 + Math.floor(random() * 6)),
        () => port(pick(random, [6080, 5555])),
      ])();
      resources.set(resourceKey(r), r);
    }
    return [...resources.values()];
  };

  it('for every seed: applied, the plan leaves exactly the desired state and nothing more to do', () => {
    for (let seed = 0; seed < 300; seed++) {
      const random = prng(seed);
      const actual = world(random);
      const desired = world(random);
      const ops = diffResources({ actual, desired, kinds });
      const after = apply(actual, ops);
      // Everything desired is there; besides it only extras of the keep-extras kind remain.
      const keys = (rs: Resource[]) => rs.map(resourceKey).sort();
      const kept = actual.filter(
        (r) => r.kind === 'port' && !desired.some((d) => resourceKey(d) === resourceKey(r)),
      );
      expect(keys(after), `seed ${seed}`).toEqual(keys([...desired, ...kept]));
      expect(diffResources({ actual: after, desired, kinds }), `seed ${seed}`).toEqual([]);
      // Phases never interleave: every remove precedes every update, every update every add.
      const phases = ops.map((op) => ['remove', 'update', 'add'].indexOf(op.op));
      expect(phases, `seed ${seed}`).toEqual([...phases].sort());
    }
  });
});
