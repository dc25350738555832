import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { formatDuration, integerParser, parseDuration } from './flags.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['45', 45_000],
    [' 10s ', 10_000],
    ['0', 0],
  ])('%s -> %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '-1s', '10 s', '5d', '1e3'])('rejects %j with a hint', (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidArgumentError);
    expect(() => parseDuration(text)).toThrow(/30s, 2m/);
  });
});

describe('formatDuration', () => {
  it.each([
    [500, '500ms'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [3_600_000, '60m'],
  ])('%i ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('integerParser', () => {
  const replicas = integerParser(0, 10);
  it.each([
    ['0', 0],
    ['10', 10],
    [' 3 ', 3],
  ])('accepts %j', (text, value) => {
    expect(replicas(text)).toBe(value);
  });

  it.each(['-1', '11', '1.5', 'two', ''])('rejects %j, naming the range', (text) => {
    expect(() => replicas(text)).toThrow('Expected a whole number from 0 to 10.');
  });
});
