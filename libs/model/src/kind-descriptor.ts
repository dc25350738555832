// What CRD generation and generic code need to know about a kind, next to its zod schemas.
import { z } from 'zod';
import { apiVersionV1, ObjectMeta } from './common.js';

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  /** 0 shows in `kubectl get`; higher only with `-o wide`. */
  priority?: number;
}

export interface KindDescriptor {
  kind: string;
  plural: string;
  singular: string;
  listKind: string;
  shortNames: readonly string[];
  /** One sentence for the CRD's schema description. */
  description: string;
  printerColumns: readonly PrinterColumn[];
  /** The source file of the kind's schemas, named in the generated CRD header. */
  sourceFile: string;
  schema: { spec: z.ZodType; status: z.ZodType };
  /** The whole object (apiVersion, kind, metadata, spec, status?) as read from the API. */
  object: z.ZodType;
}

export const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

/** The whole-object schema of a kind. */
export function kubeObject<K extends string, Spec extends z.ZodType, Status extends z.ZodType>(
  kind: K,
  spec: Spec,
  status: Status,
) {
  return z.object({
    apiVersion: z.literal(apiVersionV1),
    kind: z.literal(kind),
    metadata: ObjectMeta,
    spec,
    status: status.optional(),
  });
}

/** A label's value as a printer-column JSONPath (dots in the key escaped). */
export function labelPath(label: string): string {
  return `.metadata.labels.${label.replaceAll('.', '\\.')}`;
}
