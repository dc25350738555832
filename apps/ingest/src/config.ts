import { hostname } from 'node:os';
import { z } from 'zod';
import { splitCommaList } from '@epic/worker-runtime';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Everything ingest reads from its environment, checked at start-up. */
export const IngestConfig = z.object({
  KUBECONFIG: z.string().optional(),
  EPIC_KAFKA_BROKERS: z.string().min(1).transform(splitCommaList),
  EPIC_REDIS_URL: z.url(),
  EPIC_TOPIC_PREFIX: z.string().default(''),
  EPIC_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  EPIC_INGEST_RESYNC_SECONDS: seconds(300),
  EPIC_INGEST_LEASE_NAMESPACE: z.string().default('epic'),
  EPIC_INGEST_LEASE_NAME: z.string().default('epic-ingest'),
  EPIC_INGEST_LEASE_SECONDS: seconds(15),
  EPIC_INGEST_IDENTITY: z.string().default(`${hostname()}-${process.pid}`),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type IngestConfig = z.infer<typeof IngestConfig>;

/** Parses the environment; fails listing every bad key at once. */
export function loadIngestConfig(env: NodeJS.ProcessEnv): IngestConfig {
  const parsed = IngestConfig.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`ingest configuration is invalid: ${problems}`);
}
