import { describe, expect, it } from 'vitest';
import { apiErrorCode, apiErrorMessage, isApiError } from './api-error.js';

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
