/**
 * A failure the demo explains in its message (what is missing, which log to read): printed as
 * is, without a stack trace.
 */
export class DemoError extends Error {
  override readonly name = 'DemoError';
}
