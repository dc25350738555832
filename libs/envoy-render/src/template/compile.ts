// A raw envoy-template -> every entry parsed once into a tree. Ten thousand LBs made from one
// group carry ten thousand copies of the same template, so compiled templates are cached by
// content: rendering then never parses YAML.
import { defaultEnvoyTemplate } from './default-template.js';
import { compileFragment, type TemplateNode } from './fragment.js';
import { placeholdersFor } from './placeholders.js';
import {
  parseTemplateSpec,
  resourceKinds,
  templateEntryNames,
  type EnvoyTemplateSpec,
  type ResourceKind,
  type TemplateEntry,
} from './schema.js';

export type CompiledEntries = Readonly<Record<string, TemplateNode | undefined>>;

export interface CompiledTemplate {
  readonly entries: Readonly<Record<ResourceKind, CompiledEntries>>;
}

function compileEntries(
  kind: ResourceKind,
  spec: EnvoyTemplateSpec,
  fallback: CompiledTemplate | undefined,
): CompiledEntries {
  const own = new Map<string, TemplateEntry>(
    (spec.envoyResources[kind] ?? []).map((entry) => [entry.name, entry]),
  );
  const compiled: Record<string, TemplateNode | undefined> = {};
  for (const name of templateEntryNames[kind]) {
    const entry = own.get(name);
    compiled[name] = entry
      ? compileFragment({
          where: `envoy-template ${kind} "${name}"`,
          text: entry.value,
          serialization: spec.serialization,
          placeholders: placeholdersFor(kind, name),
        })
      : fallback?.entries[kind][name];
  }
  return compiled;
}

function compileSpec(spec: EnvoyTemplateSpec, fallback?: CompiledTemplate): CompiledTemplate {
  const entries = Object.fromEntries(
    resourceKinds.map((kind) => [kind, compileEntries(kind, spec, fallback)]),
  ) as Record<ResourceKind, CompiledEntries>;
  return { entries };
}

const builtIn = compileSpec(defaultEnvoyTemplate);

const byIdentity = new WeakMap<object, CompiledTemplate>();
const byContent = new Map<string, CompiledTemplate>();
const contentCacheSize = 256;

/**
 * Validates and compiles an envoy-template as read from a CR (undefined = the built-in default).
 * Throws TemplateError when the template is unusable. Results are cached by identity and by
 * content, so calling this for every render costs a map lookup.
 */
export function compileTemplate(raw: unknown): CompiledTemplate {
  if (raw === undefined || raw === null) return builtIn;
  if (typeof raw === 'object') {
    const known = byIdentity.get(raw);
    if (known) return known;
  }
  const key = JSON.stringify(raw);
  let compiled = byContent.get(key);
  if (!compiled) {
    compiled = compileSpec(parseTemplateSpec(raw), builtIn);
    if (byContent.size >= contentCacheSize) {
      byContent.delete(byContent.keys().next().value!);
    }
    byContent.set(key, compiled);
  }
  if (typeof raw === 'object') byIdentity.set(raw, compiled);
  return compiled;
}
