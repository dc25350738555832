import { describe, expect, it } from 'vitest';
import { MissingValueError, TemplateError } from '@epic/envoy-render';
import { ProtoCheckError } from '@epic/envoy-render/proto';
import { AcceptanceTracker } from './acceptance.js';
import {
  acceptedCondition,
  awaitingAddressCondition,
  isAwaitingAddress,
  renderedCondition,
  renderFailedCondition,
} from './conditions.js';

describe('ConfigRendered', () => {
  it('is True and plain without diagnostics', () => {
    expect(renderedCondition([], 4)).toEqual({
      type: 'ConfigRendered',
      status: 'True',
      reason: 'Rendered',
      message: 'The Envoy configuration is rendered.',
      observedGeneration: 4,
    });
  });

  it('lists three diagnostics and counts the rest', () => {
    const d = (n: number) => ({ object: `GWRoute ns/r${n}`, message: `problem ${n}` });
    const c = renderedCondition([d(1), d(2), d(3), d(4), d(5)]);
    expect(c.reason).toBe('RenderedWithWarnings');
    expect(c.message).toBe(
      'The Envoy configuration is rendered, with warnings: GWRoute ns/r1: problem 1; GWRoute ns/r2: problem 2; GWRoute ns/r3: problem 3 (and 2 more).',
    );
  });

  it.each<[string, unknown, string]>([
    ['a template error', new TemplateError('invalid envoy-template', ['.x: bad']), 'TemplateError'],
    [
      'a missing value',
      new MissingValueError('envoy-template listeners "tcp"', 'Address'),
      'MissingValue',
    ],
    [
      'an invalid resource',
      new ProtoCheckError('type.googleapis.com/x', ['$.a: unknown']),
      'InvalidResource',
    ],
    ['anything else', new Error('boom'), 'RenderFailed'],
  ])('is False for %s', (_, err, reason) => {
    expect(renderFailedCondition(err)).toMatchObject({ status: 'False', reason });
  });
});

describe('a proxy without its public address', () => {
  it.each([
    ['the .Address placeholder missing', new MissingValueError('listeners "tcp"', 'Address'), true],
    ['another placeholder missing', new MissingValueError('listeners "tcp"', 'Port'), false],
    ['a template error', new TemplateError('invalid envoy-template', []), false],
  ])('%s: waiting = %s', (_, err, waiting) => {
    expect(isAwaitingAddress(err)).toBe(waiting);
  });

  it('says what it waits for, False but not a failure reason', () => {
    expect(awaitingAddressCondition(2)).toEqual({
      type: 'ConfigRendered',
      status: 'False',
      reason: 'AwaitingAddress',
      observedGeneration: 2,
      message:
        'The Envoy configuration waits for spec.public-address, which the address-allocator sets.',
    });
  });
});

describe('ConfigAccepted from the answers of a node (story)', () => {
  const tracker = new AcceptanceTracker();
  const steps: [string, Parameters<AcceptanceTracker['answer']>, string][] = [
    ['an ACK: accepted', ['n', 'CDS', { kind: 'ack', version: '1' }], 'True'],
    ['EDS 2 rejected', ['n', 'EDS', { kind: 'nack', version: '2', message: 'bad' }], 'False'],
    ['another node has its own answers', ['m', 'EDS', { kind: 'ack', version: '2' }], 'True'],
    ['a stale answer changes nothing', ['n', 'EDS', { kind: 'stale' }], 'False'],
    ['CDS accepted, EDS still rejected', ['n', 'CDS', { kind: 'ack', version: '3' }], 'False'],
    ['EDS 3 accepted', ['n', 'EDS', { kind: 'ack', version: '3' }], 'True'],
  ];
  it.each(steps)('%s', (_, args, status) => {
    expect(acceptedCondition(tracker.answer(...args)).status).toBe(status);
  });

  it('says which type and version was rejected, and what else is', () => {
    expect(
      acceptedCondition([
        { type: 'CDS', version: '4', message: 'no' },
        { type: 'EDS', version: '4', message: 'also no' },
      ]).message,
    ).toBe('An xDS client rejected CDS version 4 (and EDS too): no');
  });
});
