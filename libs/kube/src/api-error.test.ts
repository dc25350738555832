import { describe, expect, it } from 'vitest';
import { apiErrorCode, apiErrorMessage, isApiError, isNotFound, orAbsent } from './api-error.js';

describe('API errors', () => {
  const status = JSON.stringify({
    kind: 'Status',
    message: 'spec.public-ports[0].port: Invalid value',
    code: 422,
  });
  it.each([
    [
      'an ApiException-like error with a Status body',
      Object.assign(new Error('HTTP-Code: 422'), { code: 422, body: status }),
      422,
      'spec.public-ports[0].port: Invalid value',
    ],
    [
      'a body that is not JSON',
      Object.assign(new Error('x'), { code: 500, body: 'upstream down' }),
      500,
      'upstream down',
    ],
    [
      'an object body',
      Object.assign(new Error('x'), {
        code: 409,
        body: { message: 'the object has been modified' },
      }),
      409,
      'the object has been modified',
    ],
    ['a plain error', new Error('socket hang up'), undefined, 'socket hang up'],
    ['a thrown string', 'boom', undefined, 'boom'],
  ])('%s', (_, err, code, message) => {
    expect(apiErrorCode(err)).toBe(code);
    expect(apiErrorMessage(err)).toBe(message);
    expect(isApiError(err, 409)).toBe(code === 409);
  });
});

describe('isNotFound and orAbsent', () => {
  const notFound = Object.assign(new Error('HTTP-Code: 404'), { code: 404 });
  const conflict = Object.assign(new Error('HTTP-Code: 409'), { code: 409 });

  it('sees a 404 directly or as the cause of a wrapped write error', () => {
    expect(isNotFound(notFound)).toBe(true);
    expect(isNotFound(new Error('LB x spec: update failed', { cause: notFound }))).toBe(true);
    expect(isNotFound(conflict)).toBe(false);
    expect(isNotFound(new Error('plain'))).toBe(false);
  });

  it('turns a 404 read into undefined and lets other errors through', async () => {
    await expect(orAbsent(Promise.resolve(1))).resolves.toBe(1);
    await expect(orAbsent(Promise.reject(notFound))).resolves.toBeUndefined();
    await expect(orAbsent(Promise.reject(conflict))).rejects.toBe(conflict);
  });
});
