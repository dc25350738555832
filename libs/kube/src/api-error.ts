// client-node 2.x throws ApiException with the HTTP code and the raw Status body (a JSON
// string). These helpers read them without caring which API class threw.

interface StatusBody {
  message?: string;
  reason?: string;
}

/** The HTTP status code of a failed API call, or undefined for a non-API error. */
export function apiErrorCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'number' ? code : undefined;
}

export function isApiError(err: unknown, code: number): boolean {
  return apiErrorCode(err) === code;
}

/** The apiserver's own message (e.g. a schema error naming the field), else the error's. */
export function apiErrorMessage(err: unknown): string {
  const body = typeof err === 'object' && err !== null && 'body' in err ? err.body : undefined;
  const status = parseStatus(body);
  if (status?.message) return status.message;
  return err instanceof Error ? err.message : String(err);
}

function parseStatus(body: unknown): StatusBody | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return typeof body === 'object' && body !== null ? body : undefined;
}

/** A 404, also when replaceWithRetry wrapped it (a write that found the object gone). */
export function isNotFound(err: unknown): boolean {
  return isApiError(err, 404) || (err instanceof Error && isApiError(err.cause, 404));
}

/** The object a read returns, or undefined when it is gone (404); other errors propagate. */
export async function orAbsent<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}
