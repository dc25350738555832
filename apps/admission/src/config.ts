// The admission server's settings, from the environment (main.ts is the only reader of it).
import { z } from 'zod';
import { defaultIdWriters } from '@epic/admission-rules';
import { logLevels, type LogLevel } from '@epic/logging';

const list = z.string().transform((text) =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== ''),
);

export const AdmissionEnvConfig = z.object({
  /** HTTPS port of the webhooks, /healthz and /metrics (the Service maps 443 to it). */
  EPIC_ADMISSION_PORT: z.coerce.number().int().min(0).max(65535).default(9443),
  EPIC_ADMISSION_HOST: z.string().default('0.0.0.0'),
  /** PEM files of the serving certificate (cert-manager's Secret keys tls.crt / tls.key). */
  EPIC_ADMISSION_TLS_CERT: z.string().min(1).default('/etc/epic-admission/tls/tls.crt'),
  EPIC_ADMISSION_TLS_KEY: z.string().min(1).default('/etc/epic-admission/tls/tls.key'),
  /** How often the certificate files are re-read (renewals need no restart). */
  EPIC_ADMISSION_TLS_RELOAD_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * Who may set numeric IDs: usernames, and groups as `group:<name>`. Default: the id-allocator's
   * service account. A cluster admin is not a writer unless listed (README, "ID writers").
   */
  EPIC_ADMISSION_ID_WRITERS: list.default([...defaultIdWriters]),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export interface AdmissionConfig {
  port: number;
  host: string;
  tls: { certFile: string; keyFile: string; reloadSeconds: number };
  idWriters: string[];
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** The configuration; throws naming every bad variable. */
export function loadAdmissionConfig(
  env: Readonly<Record<string, string | undefined>>,
): AdmissionConfig {
  const parsed = AdmissionEnvConfig.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? '(root)')}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.EPIC_ADMISSION_PORT,
    host: e.EPIC_ADMISSION_HOST,
    tls: {
      certFile: e.EPIC_ADMISSION_TLS_CERT,
      keyFile: e.EPIC_ADMISSION_TLS_KEY,
      reloadSeconds: e.EPIC_ADMISSION_TLS_RELOAD_SECONDS,
    },
    idWriters: e.EPIC_ADMISSION_ID_WRITERS,
    logLevel: e.LOG_LEVEL,
  };
}
