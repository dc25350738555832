import { apiErrorCode } from '@epic/kube';

/** A 404 from a read, or from a write that replaceWithRetry wrapped with context. */
export function isNotFound(err: unknown): boolean {
  if (apiErrorCode(err) === 404) return true;
  return err instanceof Error && apiErrorCode(err.cause) === 404;
}
