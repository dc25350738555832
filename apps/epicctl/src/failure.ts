// Turns whatever a command threw into one line and an exit code. A person reads the line, so it
// names what failed and what to do; never a stack trace or the apiserver's raw Status JSON.
import { apiErrorCode, apiErrorMessage } from '@epic/kube';
import { InvalidNameError } from '@epic/model';
import { CliError, ExitCode } from './exit-codes.js';

export interface Failure {
  exitCode: ExitCode;
  message: string;
}

/** Where the failing call went, so a connection failure names the server. */
export interface FailureContext {
  server?: string;
}

const networkHints: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is the apiserver running?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted by the kubeconfig',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain is not trusted by the kubeconfig',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is not trusted by the kubeconfig',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate does not match the server address',
};

/** The first `code` string found along an error's cause chain (fetch hides it in `cause`). */
export function networkErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const apiFailures: Record<number, (message: string) => Failure> = {
  400: (m) => ({ exitCode: ExitCode.error, message: `the apiserver rejected the request: ${m}` }),
  401: () => ({
    exitCode: ExitCode.error,
    message:
      'the apiserver did not accept our credentials (401): check the user in your kubeconfig',
  }),
  403: (m) => ({ exitCode: ExitCode.error, message: `not allowed: ${m}` }),
  404: (m) => ({ exitCode: ExitCode.notFound, message: notFoundMessage(m) }),
  409: (m) => ({ exitCode: ExitCode.alreadyExists, message: m }),
  422: (m) => ({ exitCode: ExitCode.error, message: `the apiserver rejected the object: ${m}` }),
};

function notFoundMessage(message: string): string {
  // A 404 without an object name means the resource type itself is unknown: no CRDs.
  return /could not find the requested resource/.test(message)
    ? 'the epic.acnodal.io CRDs are not installed in this cluster (kubectl apply -k deploy/crds)'
    : message;
}

function fromApiError(code: number, err: unknown): Failure {
  const message = firstLine(apiErrorMessage(err));
  const known = apiFailures[code];
  if (known) return known(message);
  return { exitCode: ExitCode.error, message: `the apiserver answered ${code}: ${message}` };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** The Failure for anything a command threw. */
export function toFailure(err: unknown, context: FailureContext = {}): Failure {
  if (err instanceof CliError) return { exitCode: err.exitCode, message: err.message };
  if (err instanceof InvalidNameError) return { exitCode: ExitCode.usage, message: err.message };
  const code = apiErrorCode(err);
  if (code !== undefined) return fromApiError(code, err);
  const network = networkErrorCode(err);
  if (network !== undefined && (network in networkHints || isFetchFailure(err))) {
    const server = context.server ?? 'the apiserver';
    const hint = networkHints[network] ?? network;
    return { exitCode: ExitCode.error, message: `cannot reach ${server}: ${hint}` };
  }
  return { exitCode: ExitCode.error, message: firstLine(describe(err)) };
}

function isFetchFailure(err: unknown): boolean {
  return err instanceof TypeError && err.message === 'fetch failed';
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Our own wrapped errors say what failed; the cause says why.
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
