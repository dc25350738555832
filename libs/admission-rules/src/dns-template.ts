// The service group's `dnsName` template, rendered by plain substitution of `{{.Name}}`. The
// original ran it through Go's html/template, which HTML-escapes values (`'` -> `&#39;`); here
// a value is copied byte for byte. Only the placeholders the CRD admits are known; any other
// `{{ }}` (a pipeline, a function, an unknown name) is an error, never left in the output.
import { endpointTemplateParameters, type EndpointTemplateParameter } from '@epic/model';

export type TemplateParams = Record<EndpointTemplateParameter, string>;

export type RenderResult = { ok: true; text: string } | { ok: false; problem: string };

const known: ReadonlySet<string> = new Set(endpointTemplateParameters);
const placeholder = /\{\{ *\.([A-Za-z][A-Za-z0-9]*) *\}\}/g;

function isParameter(name: string): name is EndpointTemplateParameter {
  return known.has(name);
}

/** Renders `template`; the error names the first thing it cannot render. */
export function renderDnsTemplate(template: string, params: TemplateParams): RenderResult {
  const literals = template.split(placeholder).filter((_, i) => i % 2 === 0);
  const stray = literals.find((text) => text.includes('{') || text.includes('}'));
  if (stray !== undefined) {
    return {
      ok: false,
      problem: `"${template}" holds template syntax other than {{.Name}} placeholders`,
    };
  }
  const unknown = [...template.matchAll(placeholder)]
    .map((m) => m[1] ?? '')
    .filter((name) => !isParameter(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: `"${template}" uses unknown placeholder(s) ${unknown.map((n) => `{{.${n}}}`).join(', ')}`,
    };
  }
  // A function replacer: a value is inserted as is, `$&` and friends mean nothing in it.
  const text = template.replace(placeholder, (_, name: string) =>
    isParameter(name) ? params[name] : '',
  );
  return { ok: true, text };
}
