import { describe, expect, it } from 'vitest';
import type { XdsType } from '@epic/envoy-render';
import { typesToSend, type TypeStatus } from './warming-order.js';

type Table = Partial<Record<XdsType, TypeStatus>>;
const p = { pending: true, awaiting: false };
const waiting = { pending: true, awaiting: true };
const done = { pending: false, awaiting: true };

describe('typesToSend', () => {
  it.each<[string, Table, XdsType[]]>([
    [
      'all pending go in warming order',
      { LDS: p, RDS: p, EDS: p, CDS: p },
      ['CDS', 'EDS', 'LDS', 'RDS'],
    ],
    ['types not subscribed are skipped', { LDS: p }, ['LDS']],
    ['an unanswered CDS holds everything after it', { CDS: waiting, EDS: p, LDS: p }, []],
    ['an unanswered LDS holds RDS only', { CDS: p, LDS: waiting, RDS: p }, ['CDS']],
    ['an answered-for type with nothing new blocks nothing', { CDS: done, LDS: p }, ['LDS']],
  ])('%s', (_, table, expected) => {
    expect(typesToSend((type) => table[type])).toEqual(expected);
  });
});
