import { describe, expect, it } from 'vitest';
import {
  afterSotwSend,
  onSotwRequest,
  requestedNames,
  sotwPending,
  type SotwTypeState,
} from './sotw-state.js';

const names = (...n: string[]) => new Set(n);
const sent = (version: string, nonce: string): SotwTypeState =>
  afterSotwSend({ names: 'wildcard', awaiting: false }, version, nonce);

describe('requestedNames', () => {
  it.each([
    ['LDS', [], true, 'wildcard'],
    ['LDS', [], false, 'wildcard'],
    ['CDS', [], false, 'wildcard'],
    ['EDS', [], true, 'wildcard'],
    ['EDS', [], false, names()],
    ['RDS', ['*'], false, 'wildcard'],
    ['EDS', ['a', 'b'], true, names('a', 'b')],
  ] as const)('%s %j first=%s -> %j', (type, list, first, expected) => {
    expect(requestedNames(type, list, first)).toEqual(expected);
  });
});

describe('onSotwRequest', () => {
  it.each<[string, SotwTypeState | undefined, { nonce: string; error?: string }, string]>([
    ['a first request subscribes', undefined, { nonce: '' }, 'subscribe'],
    ['no nonce again subscribes afresh', sent('3', '7'), { nonce: '' }, 'subscribe'],
    ['the last nonce without error is an ACK', sent('3', '7'), { nonce: '7' }, 'ack'],
    ['the last nonce with error is a NACK', sent('3', '7'), { nonce: '7', error: 'bad' }, 'nack'],
    ['an older nonce is stale', sent('3', '7'), { nonce: '6' }, 'stale'],
    [
      'an answered nonce again is a repeat, even with an error',
      { ...sent('3', '7'), awaiting: false },
      { nonce: '7', error: 'bad' },
      'repeat',
    ],
    ['a nonce before anything was sent is stale', undefined, { nonce: '1' }, 'stale'],
  ])('%s', (_, state, request, kind) => {
    const result = onSotwRequest(state, { type: 'CDS', names: [], ...request });
    expect(result.verdict.kind).toBe(kind);
  });

  it('a NACK names the version that was sent, with the error', () => {
    const { verdict, state } = onSotwRequest(sent('3', '7'), {
      type: 'CDS',
      names: [],
      nonce: '7',
      error: 'bad',
    });
    expect(verdict).toEqual({ kind: 'nack', version: '3', message: 'bad' });
    expect(state.awaiting).toBe(false);
    expect(state.sent?.version).toBe('3');
  });

  it('a stale request changes nothing, not even the names', () => {
    const before: SotwTypeState = { ...sent('3', '7'), names: names('a') };
    expect(onSotwRequest(before, { type: 'EDS', names: ['b'], nonce: '2' }).state).toBe(before);
  });
});

describe('sotwPending', () => {
  it.each<[string, SotwTypeState, string | undefined, boolean]>([
    ['nothing sent yet', { names: 'wildcard', awaiting: false }, '1', true],
    ['no snapshot yet', { names: 'wildcard', awaiting: false }, undefined, false],
    ['same version sent', sent('1', '1'), '1', false],
    ['a newer version', sent('1', '1'), '2', true],
    ['the names changed', { ...sent('1', '1'), names: names('a') }, '1', true],
    ['a NACKed version is not pending again', { ...sent('2', '5'), awaiting: false }, '2', false],
  ])('%s -> %s', (_, state, version, expected) => {
    expect(sotwPending(state, version)).toBe(expected);
  });
});
