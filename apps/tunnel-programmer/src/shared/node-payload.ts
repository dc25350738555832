// What the dispatcher hands one EPIC node: its tunnel table (libs/tunnel-plan) and the proxies
// whose agent finalizer for this node is to be released once the table is programmed. It
// travels through Redis, which is a boundary like any other, so the agent parses it with zod.
// The payload carries no secret: the dispatcher leaves LoadBalancer tunnel keys out of tables.
import { z } from 'zod';
import { Protocol } from '@epic/model';
import {
  contentHash,
  type NodeTunnelTable,
  type ProxyRef,
  type TableProblem,
} from '@epic/tunnel-plan';

export const payloadVersion = 1;

const ProxyRefSchema = z.object({
  kind: z.enum(['LoadBalancer', 'GWProxy']),
  namespace: z.string(),
  name: z.string().min(1),
});

const InterfaceSchema = z.object({ index: z.int().min(1), name: z.string().min(1) });

const TunnelRowSchema = z.object({
  tunnelId: z.int().min(1),
  clientAddress: z.string().min(1),
  clientPort: z.int(),
  epicAddress: z.string().min(1),
  epicPort: z.int(),
  groupId: z.int().optional(),
  serviceId: z.int().optional(),
  tunnelKey: z.string().optional(),
  source: z.enum(['seed', 'epic-endpoints']),
  endpoints: z.array(z.object({ address: z.string(), port: z.int(), protocol: Protocol })),
});

// Problems are only passed on to logs; their many shapes need no closer check than this.
const ProblemSchema = z.custom<TableProblem>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { message?: unknown }).message === 'string',
  { message: 'a table problem has a kind and a message' },
);

export const NodeTunnelTableSchema = z.object({
  node: z.string().min(1),
  address: z.string().min(1),
  proxies: z.array(
    z.object({
      proxy: ProxyRefSchema,
      firstEpicNode: z.boolean(),
      pods: z.array(
        z.object({
          name: z.string(),
          podIP: z.string().optional(),
          interface: InterfaceSchema.optional(),
        }),
      ),
      tunnels: z.array(TunnelRowSchema),
    }),
  ),
  problems: z.array(ProblemSchema),
  hash: z.string().regex(/^[0-9a-f]+$/),
});

export const NodePayloadSchema = z.object({
  version: z.literal(payloadVersion),
  node: z.string().min(1),
  /** Hash of the table's hash and the release list: the job id's second half. */
  hash: z.string().regex(/^[0-9a-f]+$/),
  table: NodeTunnelTableSchema,
  /** Proxies holding this node's agent finalizer that the table no longer carries. */
  release: z.array(ProxyRefSchema),
});

export interface NodePayload {
  version: typeof payloadVersion;
  node: string;
  hash: string;
  table: NodeTunnelTable;
  release: ProxyRef[];
}

/** The payload of a table and its release list, with the hash that names its job. */
export function nodePayload(table: NodeTunnelTable, release: readonly ProxyRef[]): NodePayload {
  const hash = contentHash({ table: table.hash, release });
  return { version: payloadVersion, node: table.node, hash, table, release: [...release] };
}

export type PayloadParse = { ok: true; payload: NodePayload } | { ok: false; message: string };

/** Parses a payload read from Redis; never throws. */
export function parseNodePayload(text: string): PayloadParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the stored tunnel table is not JSON' };
  }
  const parsed = NodePayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(root)';
    return {
      ok: false,
      message: `the stored tunnel table is invalid at ${where}: ${issue?.message ?? 'unknown'}`,
    };
  }
  return { ok: true, payload: parsed.data };
}
