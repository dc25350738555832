import { describe, expect, it } from 'vitest';
import { jobIdFor } from './job-id.js';
import { errorMessage, isPermanent, PermanentError } from './permanent-error.js';

describe('isPermanent', () => {
  it.each([
    ['a PermanentError', new PermanentError('bad input'), true],
    ['any error with retriable=false', Object.assign(new Error('x'), { retriable: false }), true],
    ['an error with retriable=true', Object.assign(new Error('x'), { retriable: true }), false],
    ['a plain Error', new Error('x'), false],
    ['a string', 'boom', false],
    ['undefined', undefined, false],
  ])('%s -> %s', (_name, err, expected) => {
    expect(isPermanent(err)).toBe(expected);
  });
});

describe('errorMessage', () => {
  it.each([
    ['a message', new Error('a'), 'a'],
    ['the cause chain', new Error('a', { cause: new Error('b', { cause: 'c' }) }), "a: b: 'c'"],
    ['a non-error', { code: 1 }, '{ code: 1 }'],
  ])('%s', (_name, err, expected) => {
    expect(errorMessage(err)).toBe(expected);
  });
});

describe('jobIdFor', () => {
  it('prefixes the event id so it is never all digits', () => {
    expect(jobIdFor('123')).toBe('ev-123');
    expect(jobIdFor('0b7f0c0e-8f3a-4c55-9d1e-2a1b3c4d5e6f')).toBe(
      'ev-0b7f0c0e-8f3a-4c55-9d1e-2a1b3c4d5e6f',
    );
  });

  it("refuses ':' (BullMQ's key separator)", () => {
    expect(() => jobIdFor('a:b')).toThrow(/contains ':'/);
  });
});
