import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatAge } from './age.js';
import { asList, forOutput, renderReport, type Report } from './report.js';
import { cell, renderTable } from './table.js';

describe('renderTable', () => {
  it('pads columns by the widest cell, three spaces apart, trailing spaces trimmed', () => {
    const text = renderTable({
      headers: ['NAME', 'ID', 'NOTE'],
      rows: [
        ['acme', '7', ''],
        ['widgets-inc', '12', 'x'],
      ],
    });
    expect(text).toBe(
      ['NAME          ID   NOTE', 'acme          7', 'widgets-inc   12   x', ''].join('\n'),
    );
  });

  it('prints the header alone for no rows and tolerates short rows', () => {
    expect(renderTable({ headers: ['A', 'B'], rows: [] })).toBe('A   B\n');
    expect(renderTable({ headers: ['A', 'B'], rows: [['x']] })).toBe('A   B\nx\n');
  });
});

describe('cell', () => {
  it.each([
    [undefined, '-'],
    [null, '-'],
    ['', '-'],
    [0, '0'],
    [false, 'false'],
    ['epic-acme', 'epic-acme'],
  ])('%j -> %s', (value, text) => {
    expect(cell(value)).toBe(text);
  });
});

describe('formatAge', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  it.each([
    ['2026-01-09T23:59:15Z', '45s'],
    ['2026-01-09T23:58:01Z', '119s'],
    ['2026-01-09T23:30:00Z', '30m'],
    ['2026-01-09T20:00:00Z', '4h'],
    ['2026-01-08T01:00:00Z', '47h'],
    ['2026-01-03T00:00:00Z', '7d'],
    ['2026-01-10T00:00:05Z', '0s'],
    [undefined, '-'],
    ['not a date', '-'],
  ])('created %s -> %s', (createdAt, age) => {
    expect(formatAge(createdAt, now)).toBe(age);
  });
});

describe('renderReport', () => {
  const report: Report = {
    data: { name: 'acme', ids: [1, 2], absent: undefined },
    blocks: [
      {
        type: 'fields',
        fields: [
          ['Account', 'acme'],
          ['Group ID', '7'],
        ],
      },
      {
        type: 'table',
        title: 'Service groups',
        empty: 'none',
        table: { headers: ['NAME'], rows: [['web']] },
      },
      { type: 'table', title: 'Conditions', empty: 'none', table: { headers: ['TYPE'], rows: [] } },
      { type: 'lines', lines: ['done'] },
    ],
  };

  it('table: blocks separated by blank lines, titled blocks indented, empty tables say so', () => {
    expect(renderReport(report, 'table')).toBe(
      [
        'Account:   acme',
        'Group ID:  7',
        '',
        'Service groups:',
        '  NAME',
        '  web',
        '',
        'Conditions:',
        '  none',
        '',
        'done',
        '',
      ].join('\n'),
    );
  });

  it('json and yaml print the data only, and read back to the same value', () => {
    const expected = { name: 'acme', ids: [1, 2] };
    expect(JSON.parse(renderReport(report, 'json'))).toEqual(expected);
    expect(parseYaml(renderReport(report, 'yaml'))).toEqual(expected);
  });
});

describe('forOutput / asList', () => {
  const obj = { kind: 'Account', metadata: { name: 'acme', managedFields: [{ manager: 'x' }] } };

  it('drops metadata.managedFields, like kubectl', () => {
    expect(forOutput(obj)).toEqual({ kind: 'Account', metadata: { name: 'acme' } });
    expect(obj.metadata.managedFields).toHaveLength(1);
  });

  it('leaves objects without managedFields as they are', () => {
    const plain = { metadata: { name: 'x' } };
    expect(forOutput(plain)).toBe(plain);
  });

  it('wraps items in a v1 List that kubectl apply reads back', () => {
    expect(asList([obj])).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ kind: 'Account', metadata: { name: 'acme' } }],
    });
  });
});
