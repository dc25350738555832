import { z } from 'zod';
import { topicName } from '@epic/events';
import { logLevels, type LogLevel } from '@epic/logging';
import { splitCommaList } from './name-list.js';

const brokerList = z
  .string()
  .transform(splitCommaList)
  .pipe(
    z
      .array(z.string().regex(/^[^\s:/]+:\d+$/, 'each broker is host:port'))
      .min(1, 'at least one broker'),
  );

function isTopicPrefix(prefix: string): boolean {
  try {
    topicName('epic', prefix);
    return true;
  } catch {
    return false;
  }
}

/** The environment every worker reads (apps `.extend` it with their own keys). */
export const WorkerEnvConfig = z.object({
  /** Comma-separated `host:port` list. */
  EPIC_KAFKA_BROKERS: brokerList,
  EPIC_REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }),
  EPIC_TOPIC_PREFIX: z
    .string()
    .default('')
    .refine(isTopicPrefix, "letters, digits, '.', '_' or '-', at most 100 characters"),
  EPIC_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export interface WorkerConfig {
  kafkaBrokers: string[];
  redisUrl: string;
  topicPrefix: string;
  httpPort: number;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  readonly retriable = false;
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Every problem of a zod parse as `KEY: message` (the variable, not a path inside it). */
export function configProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${String(issue.path[0] ?? '(root)')}: ${issue.message}`);
}

/** The variables `schema` reads from the environment; throws a ConfigError naming every bad one. */
export function parseEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>,
): z.output<Schema> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(configProblems(parsed.error));
  return parsed.data;
}

/** The worker configuration from the environment; throws listing every bad key. */
export function loadWorkerConfig(env: Readonly<Record<string, string | undefined>>): WorkerConfig {
  const e = parseEnvironment(WorkerEnvConfig, env);
  return {
    kafkaBrokers: e.EPIC_KAFKA_BROKERS,
    redisUrl: e.EPIC_REDIS_URL,
    topicPrefix: e.EPIC_TOPIC_PREFIX,
    httpPort: e.EPIC_HTTP_PORT,
    logLevel: e.LOG_LEVEL,
  };
}
