import { inspect } from 'node:util';

/**
 * An error a retry cannot fix (invalid input, a missing referent that will not appear): the
 * job fails at once and is dead-lettered. Any error with `retriable === false` counts the
 * same (the kafkajs convention), so libs need not import this class.
 */
export class PermanentError extends Error {
  readonly retriable = false;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

export function isPermanent(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { retriable?: unknown }).retriable === false
  );
}

/** The message with its causes, for logs and dead-letter headers: `a: b: c`. */
export function errorMessage(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  while (current !== undefined && parts.length < 5) {
    parts.push(current instanceof Error ? current.message : inspect(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
