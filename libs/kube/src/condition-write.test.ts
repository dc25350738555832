import { describe, expect, it } from 'vitest';
import type { Condition, ConditionUpdate } from '@epic/model';
import {
  withCondition,
  withConditions,
  writeConditions,
  type Conditioned,
} from './condition-write.js';

const t0 = new Date('2026-11-25T10:00:00.000Z');
const t1 = new Date('2026-11-25T11:00:00.000Z');
const t0Text = '2026-11-25T10:00:00Z';
const t1Text = '2026-11-25T11:00:00Z';

const ready: ConditionUpdate = {
  type: 'Ready',
  status: 'True',
  reason: 'Allocated',
  message: 'Service ID 1 allocated.',
  observedGeneration: 1,
};
const accepted: ConditionUpdate = {
  type: 'ConfigAccepted',
  status: 'True',
  reason: 'Accepted',
  message: 'Every xDS client accepted the configuration.',
};
const readySince = (time: string): Condition => ({ ...ready, lastTransitionTime: time });

interface Thing extends Conditioned {
  metadata: { name: string };
  status?: { conditions?: Condition[] | undefined; other?: string } | undefined;
}
const thing = (status?: Thing['status']): Thing =>
  status === undefined ? { metadata: { name: 'a' } } : { metadata: { name: 'a' }, status };

describe('withCondition', () => {
  it.each<{
    name: string;
    object: Thing;
    update: ConditionUpdate | undefined;
    want: Thing | undefined;
  }>([
    { name: 'no condition to assert', object: thing(), update: undefined, want: undefined },
    {
      name: 'no status yet',
      object: thing(),
      update: ready,
      want: thing({ conditions: [readySince(t1Text)] }),
    },
    {
      name: 'keeps the other status fields',
      object: thing({ other: 'kept' }),
      update: ready,
      want: thing({ other: 'kept', conditions: [readySince(t1Text)] }),
    },
    {
      name: 'already says the same',
      object: thing({ conditions: [readySince(t0Text)] }),
      update: ready,
      want: undefined,
    },
    {
      name: 'new message, same status: the transition time stays',
      object: thing({ conditions: [readySince(t0Text)] }),
      update: { ...ready, message: 'Service ID 2 allocated.' },
      want: thing({
        conditions: [{ ...readySince(t0Text), message: 'Service ID 2 allocated.' }],
      }),
    },
    {
      name: 'status flips: the transition time moves',
      object: thing({ conditions: [readySince(t0Text)] }),
      update: { ...ready, status: 'False', reason: 'Exhausted' },
      want: thing({
        conditions: [
          { ...ready, status: 'False', reason: 'Exhausted', lastTransitionTime: t1Text },
        ],
      }),
    },
    {
      name: 'another type is appended, ours untouched',
      object: thing({ conditions: [readySince(t0Text)] }),
      update: accepted,
      want: thing({
        conditions: [readySince(t0Text), { ...accepted, lastTransitionTime: t1Text }],
      }),
    },
  ])('$name', ({ object, update, want }) => {
    expect(withCondition(object, update, t1)).toStrictEqual(want);
  });

  it('leaves the object it was given as it was', () => {
    const object = thing({ conditions: [readySince(t0Text)] });
    const copy = structuredClone(object);
    withCondition(object, { ...ready, status: 'False' }, t1);
    expect(object).toStrictEqual(copy);
  });
});

describe('withConditions', () => {
  it.each<{
    name: string;
    object: Thing;
    updates: (ConditionUpdate | undefined)[];
    want: Thing | undefined;
  }>([
    { name: 'nothing to assert', object: thing(), updates: [], want: undefined },
    { name: 'only undefined', object: thing(), updates: [undefined], want: undefined },
    {
      name: 'two types in one go',
      object: thing(),
      updates: [ready, accepted],
      want: thing({
        conditions: [readySince(t1Text), { ...accepted, lastTransitionTime: t1Text }],
      }),
    },
    {
      name: 'one of two already said',
      object: thing({ conditions: [readySince(t0Text)] }),
      updates: [ready, undefined, accepted],
      want: thing({
        conditions: [readySince(t0Text), { ...accepted, lastTransitionTime: t1Text }],
      }),
    },
    {
      name: 'both already said',
      object: thing({
        conditions: [readySince(t0Text), { ...accepted, lastTransitionTime: t0Text }],
      }),
      updates: [accepted, ready],
      want: undefined,
    },
  ])('$name', ({ object, updates, want }) => {
    expect(withConditions(object, updates, t1)).toStrictEqual(want);
  });
});

// The apiserver's optimistic concurrency in miniature: a write must carry the current version.
type Versioned = Thing & { version: number };
function versionedThing(conflictsFirst = 0) {
  let state: Versioned = { ...thing(), version: 1 };
  let conflictsLeft = conflictsFirst;
  let writes = 0;
  return {
    read: (): Promise<Versioned> => Promise.resolve(structuredClone(state)),
    write: (next: Versioned): Promise<Versioned> => {
      if (conflictsLeft-- > 0 || next.version !== state.version) {
        return Promise.reject(Object.assign(new Error('Conflict'), { code: 409 }));
      }
      writes++;
      state = { ...structuredClone(next), version: state.version + 1 };
      return Promise.resolve(structuredClone(state));
    },
    /** Another writer's status field, written between our read and our write. */
    meddle: () => {
      state = {
        ...state,
        status: { ...state.status, other: 'theirs' },
        version: state.version + 1,
      };
    },
    writes: () => writes,
  };
}

describe('writeConditions', () => {
  it.each([{ conflicts: 0 }, { conflicts: 2 }])(
    'writes once after $conflicts conflicts, then not again for the same truth',
    async ({ conflicts }) => {
      const store = versionedThing(conflicts);
      const op = { what: 'thing a', read: store.read, write: store.write, now: () => t0 };
      expect(await writeConditions({ ...op, conditions: () => [ready] })).toBe(true);
      expect(await writeConditions({ ...op, conditions: () => [ready] })).toBe(false);
      expect(store.writes()).toBe(1);
      expect((await store.read()).status?.conditions).toStrictEqual([readySince(t0Text)]);
    },
  );

  it('re-reads after a conflict and keeps what the other writer wrote', async () => {
    const store = versionedThing();
    const seen: number[] = [];
    const wrote = await writeConditions({
      what: 'thing a',
      read: store.read,
      write: store.write,
      conditions: (current) => {
        if (seen.push(current.version) === 1) store.meddle();
        return [ready];
      },
      now: () => t0,
    });
    expect(wrote).toBe(true);
    expect(seen).toEqual([1, 2]);
    expect((await store.read()).status).toStrictEqual({
      other: 'theirs',
      conditions: [readySince(t0Text)],
    });
  });

  it('writes nothing when there is no condition to assert', async () => {
    const store = versionedThing();
    const wrote = await writeConditions({
      what: 'thing a',
      read: store.read,
      write: store.write,
      conditions: () => [undefined],
      now: () => t0,
    });
    expect(wrote).toBe(false);
    expect(store.writes()).toBe(0);
  });
});
