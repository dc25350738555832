import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { InvalidNameError } from '@epic/model';
import { alreadyExists, ExitCode, timedOut } from './exit-codes.js';
import { networkErrorCode, toFailure } from './failure.js';

function apiError(code: number, message: string): ApiException<string> {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message,
    code,
  });
  return new ApiException(
    code,
    `HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nBody: ${body}`,
    body,
    {},
  );
}

function fetchFailed(code: string): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code}`), { code }),
  });
}

const server = 'https://127.0.0.1:16443';

describe('toFailure', () => {
  it.each([
    [
      'a CliError keeps its code',
      timedOut('timed out after 1s'),
      ExitCode.timedOut,
      'timed out after 1s',
    ],
    [
      'already exists',
      alreadyExists('account acme already exists (namespace epic-acme)'),
      ExitCode.alreadyExists,
      'account acme already exists (namespace epic-acme)',
    ],
    [
      'a bad name is usage',
      new InvalidNameError('account name "A" is not valid', 'A'),
      ExitCode.usage,
      'account name "A" is not valid',
    ],
    [
      '404 object',
      apiError(404, 'accounts.epic.acnodal.io "x" not found'),
      ExitCode.notFound,
      'accounts.epic.acnodal.io "x" not found',
    ],
    [
      '404 type (no CRDs)',
      apiError(404, 'the server could not find the requested resource'),
      ExitCode.notFound,
      'the epic.acnodal.io CRDs are not installed in this cluster (kubectl apply -k deploy/crds)',
    ],
    [
      '409',
      apiError(409, 'namespaces "epic-acme" already exists'),
      ExitCode.alreadyExists,
      'namespaces "epic-acme" already exists',
    ],
    [
      '403',
      apiError(403, 'namespaces is forbidden: User "bob" cannot create resource'),
      ExitCode.error,
      'not allowed: namespaces is forbidden: User "bob" cannot create resource',
    ],
    [
      '401',
      apiError(401, 'Unauthorized'),
      ExitCode.error,
      'the apiserver did not accept our credentials (401): check the user in your kubeconfig',
    ],
    [
      '422',
      apiError(
        422,
        'ServicePrefix.epic.acnodal.io "x" is invalid: spec.public-pool.pool: Invalid value',
      ),
      ExitCode.error,
      'the apiserver rejected the object: ServicePrefix.epic.acnodal.io "x" is invalid: spec.public-pool.pool: Invalid value',
    ],
    [
      '500',
      apiError(500, 'etcdserver: request timed out'),
      ExitCode.error,
      'the apiserver answered 500: etcdserver: request timed out',
    ],
    [
      'refused',
      fetchFailed('ECONNREFUSED'),
      ExitCode.error,
      `cannot reach ${server}: connection refused: is the apiserver running?`,
    ],
    [
      'unknown fetch code',
      fetchFailed('UND_ERR_SOCKET'),
      ExitCode.error,
      `cannot reach ${server}: UND_ERR_SOCKET`,
    ],
    [
      'wrapped error',
      new Error('creating namespace epic-x', { cause: new Error('boom') }),
      ExitCode.error,
      'creating namespace epic-x: boom',
    ],
    ['multi-line message', new Error('first line\n    at stack'), ExitCode.error, 'first line'],
    ['not an Error', 'plain', ExitCode.error, 'plain'],
  ])('%s', (_name, err, exitCode, message) => {
    expect(toFailure(err, { server })).toEqual({ exitCode, message });
  });

  it('never prints the raw Status JSON', () => {
    const failure = toFailure(apiError(422, 'bad'), { server });
    expect(failure.message).not.toMatch(/[{}]|HTTP-Code/);
  });

  it('a system error that is no network failure is not called one', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), {
      code: 'ENOENT',
    });
    expect(toFailure(err).message).toBe("ENOENT: no such file or directory, open 'x'");
  });
});

describe('networkErrorCode', () => {
  it('finds the code along the cause chain', () => {
    expect(networkErrorCode(fetchFailed('ENOTFOUND'))).toBe('ENOTFOUND');
    expect(networkErrorCode(new Error('no code'))).toBeUndefined();
  });
});
