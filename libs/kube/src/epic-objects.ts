import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { apiGroup, type KindDescriptor } from '@epic/model';
import type { z } from 'zod';

export interface ObjectRef {
  namespace: string;
  name: string;
}

export interface WriteOptions {
  /** Server-side dry run: validated and admitted, never stored. */
  dryRun?: boolean;
}

/**
 * Typed access to one kind of epic.acnodal.io/v1. Every object read from the API is parsed
 * with the kind's zod schema, so callers work with checked types and a bad object fails here,
 * naming itself. Writes send Strict field validation: an unknown field is an error, never
 * silently pruned.
 */
export class EpicObjects<K extends KindDescriptor> {
  private readonly api: CustomObjectsApi;

  constructor(
    kc: KubeConfig,
    private readonly kind: K,
  ) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  private base(namespace: string) {
    return { group: apiGroup, version: 'v1', plural: this.kind.plural, namespace };
  }

  private parse(raw: unknown, ref: ObjectRef): z.infer<K['object']> {
    const parsed = this.kind.object.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `${this.kind.kind} ${ref.namespace}/${ref.name} read from the API does not match the schema`,
        {
          cause: parsed.error,
        },
      );
    }
    return parsed.data as z.infer<K['object']>;
  }

  async get(ref: ObjectRef): Promise<z.infer<K['object']>> {
    const raw: unknown = await this.api.getNamespacedCustomObject({
      ...this.base(ref.namespace),
      name: ref.name,
    });
    return this.parse(raw, ref);
  }

  /** The namespace's objects; `labelSelector` (`key=value,...`) narrows them on the server. */
  async list(namespace: string, labelSelector?: string): Promise<z.infer<K['object']>[]> {
    const raw = (await this.api.listNamespacedCustomObject({
      ...this.base(namespace),
      ...(labelSelector === undefined ? {} : { labelSelector }),
    })) as {
      items?: unknown[];
    };
    return (raw.items ?? []).map((item) => this.parse(item, { namespace, name: nameOf(item) }));
  }

  async create(body: z.input<K['object']>, opts: WriteOptions = {}): Promise<z.infer<K['object']>> {
    return this.write('create', body, opts);
  }

  /** Update (PUT) carrying body.metadata.resourceVersion: fails with 409 if it is stale. */
  async replace(
    body: z.input<K['object']>,
    opts: WriteOptions = {},
  ): Promise<z.infer<K['object']>> {
    return this.write('replace', body, opts);
  }

  /** Update of the status subresource, carrying body.metadata.resourceVersion (409 if stale). */
  async replaceStatus(
    body: z.input<K['object']>,
    opts: WriteOptions = {},
  ): Promise<z.infer<K['object']>> {
    return this.write('replaceStatus', body, opts);
  }

  private async write(
    verb: 'create' | 'replace' | 'replaceStatus',
    body: z.input<K['object']>,
    opts: WriteOptions,
  ): Promise<z.infer<K['object']>> {
    const ref = refOf(body);
    const request = {
      ...this.base(ref.namespace),
      name: ref.name,
      body,
      fieldValidation: 'Strict',
      ...(opts.dryRun ? { dryRun: 'All' } : {}),
    };
    const call = {
      create: () => this.api.createNamespacedCustomObject(request),
      replace: () => this.api.replaceNamespacedCustomObject(request),
      replaceStatus: () => this.api.replaceNamespacedCustomObjectStatus(request),
    }[verb];
    return this.parse((await call()) as unknown, ref);
  }

  async delete(ref: ObjectRef): Promise<void> {
    await this.api.deleteNamespacedCustomObject({ ...this.base(ref.namespace), name: ref.name });
  }
}

function nameOf(obj: unknown): string {
  const meta = (obj as { metadata?: { name?: unknown } } | undefined)?.metadata;
  return typeof meta?.name === 'string' ? meta.name : '<unnamed>';
}

function refOf(obj: unknown): ObjectRef {
  const meta = (obj as { metadata?: { name?: unknown; namespace?: unknown } } | undefined)
    ?.metadata;
  if (typeof meta?.name !== 'string' || typeof meta.namespace !== 'string') {
    throw new Error('an epic.acnodal.io object needs metadata.name and metadata.namespace');
  }
  return { namespace: meta.namespace, name: meta.name };
}
