// KindDescriptor -> apiextensions.k8s.io/v1 CustomResourceDefinition (as plain data).
import { apiGroup } from '../common.js';
import type { KindDescriptor, PrinterColumn } from '../kind-descriptor.js';
import { partOfEpicLabels } from '../labels.js';
import { sortedKeys, type SchemaNode } from './schema-node.js';
import { structuralViolations } from './structural-check.js';
import { toStructuralSchema } from './structural-schema.js';

export const crdCategories: readonly string[] = ['epic'];

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    group: string;
    names: {
      kind: string;
      listKind: string;
      plural: string;
      singular: string;
      shortNames?: string[];
      categories: string[];
    };
    scope: 'Namespaced';
    versions: Array<{
      name: 'v1';
      served: true;
      storage: true;
      subresources: { status: Record<string, never> };
      additionalPrinterColumns: PrinterColumn[];
      schema: { openAPIV3Schema: SchemaNode };
    }>;
  };
}

/** `<plural>.epic.acnodal.io` */
export function crdName(kind: KindDescriptor): string {
  return `${kind.plural}.${apiGroup}`;
}

function withDescription(schema: SchemaNode, description: string): SchemaNode {
  return sortedKeys({ description, ...schema });
}

/** The openAPIV3Schema of a kind: standard envelope + structural spec and status. */
export function crdSchema(kind: KindDescriptor): SchemaNode {
  return sortedKeys({
    description: kind.description,
    type: 'object',
    properties: {
      apiVersion: {
        description: 'The versioned schema of this representation of an object.',
        type: 'string',
      },
      kind: { description: 'The REST resource this object represents.', type: 'string' },
      metadata: { type: 'object' },
      spec: withDescription(
        toStructuralSchema(kind.schema.spec),
        `Desired state of the ${kind.kind}.`,
      ),
      status: withDescription(
        toStructuralSchema(kind.schema.status),
        `Observed state of the ${kind.kind}, written by EPIC.`,
      ),
    },
    required: ['spec'],
  });
}

/** The CRD of a kind; throws if its schema is not structural. */
export function crdFor(kind: KindDescriptor): CustomResourceDefinition {
  const openAPIV3Schema = crdSchema(kind);
  const violations = structuralViolations(openAPIV3Schema);
  if (violations.length > 0) {
    throw new Error(`the ${kind.kind} CRD schema is not structural:\n  ${violations.join('\n  ')}`);
  }
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: crdName(kind), labels: { ...partOfEpicLabels } },
    spec: {
      group: apiGroup,
      names: {
        kind: kind.kind,
        listKind: kind.listKind,
        plural: kind.plural,
        singular: kind.singular,
        ...(kind.shortNames.length > 0 ? { shortNames: [...kind.shortNames] } : {}),
        categories: [...crdCategories],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: kind.printerColumns.map((c) => ({ ...c })),
          schema: { openAPIV3Schema },
        },
      ],
    },
  };
}
