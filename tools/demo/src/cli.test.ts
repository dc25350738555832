import { describe, expect, it } from 'vitest';
import { demoUsage, parseDemoArgs, UsageError } from './cli.js';

const parse = (...args: string[]) => parseDemoArgs(args, '/repo/.demo');

describe('npm run demo flags', () => {
  it('defaults to the seed: account root, plain, .demo, 180 s', () => {
    expect(parse()).toEqual({
      action: 'up',
      account: 'root',
      isolate: false,
      stateDir: '/repo/.demo',
      timeoutSeconds: 180,
      logLevel: 'info',
    });
  });

  it('takes the account, isolation, state dir, timeout and log level', () => {
    expect(
      parse(
        '--account',
        'acme',
        '--isolate',
        '--state-dir',
        '/tmp/d',
        '--timeout',
        '60',
        '--log-level',
        'debug',
      ),
    ).toEqual({
      action: 'up',
      account: 'acme',
      isolate: true,
      stateDir: '/tmp/d',
      timeoutSeconds: 60,
      logLevel: 'debug',
    });
  });

  it.each([
    [['--down'], { action: 'down', stack: false, stateDir: '/repo/.demo' }],
    [['--down', '--stack'], { action: 'down', stack: true, stateDir: '/repo/.demo' }],
    [['--down', '--state-dir', '/tmp/d'], { action: 'down', stack: false, stateDir: '/tmp/d' }],
  ])('%j -> %j', (args, expected) => {
    expect(parse(...args)).toEqual(expected);
  });

  it.each([
    [['--stack'], '--stack goes with --down'],
    [['--down', '--account', 'x'], '--down takes only --stack and --state-dir (not account)'],
    [['--account', 'Not_A_Name'], '--account: an account name is lowercase letters'],
    [['--account', 'a'.repeat(59)], '--account: an account name'],
    [['--timeout', '5'], '--timeout:'],
    [['--timeout', 'soon'], '--timeout:'],
    [['--log-level', 'loud'], "argument 'loud' is invalid"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
  ])('%j is a usage error: %s', (args, message) => {
    expect(() => parse(...args)).toThrow(UsageError);
    expect(() => parse(...args)).toThrow(message);
  });

  it('has a usage text naming every flag', () => {
    const usage = demoUsage('/repo/.demo');
    for (const flag of [
      '--down',
      '--stack',
      '--account',
      '--isolate',
      '--state-dir',
      '--timeout',
    ]) {
      expect(usage).toContain(flag);
    }
    expect(usage).toContain('npm run demo -- --down --stack');
  });
});
