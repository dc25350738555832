import { describe, expect, it } from 'vitest';
import { formatFieldPath } from './field-path.js';
import { epicKinds, kindDescriptor } from './index.js';
import { validationCases } from './testdata/validation-cases.js';

describe('validation cases (zod side; the CRD side runs against a real apiserver)', () => {
  it('has at least 25 cases covering every kind', () => {
    expect(validationCases.length).toBeGreaterThanOrEqual(25);
    const kinds = new Set(validationCases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(epicKinds.map((k) => k.kind).sort());
  });

  it('gives every case a unique name, and every invalid case a field', () => {
    const names = validationCases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of validationCases) expect(c.valid || c.field !== undefined, c.name).toBe(true);
  });

  it.each(validationCases)('$name -> valid=$valid', ({ kind, object, valid, field }) => {
    const descriptor = kindDescriptor(kind);
    expect(descriptor, `unknown kind ${kind}`).toBeDefined();
    const result = descriptor!.object.safeParse(object);
    const issues = result.error?.issues ?? [];
    const fields = issues.map((i) => formatFieldPath(i.path));
    expect(result.success, `issues: ${JSON.stringify(issues)}`).toBe(valid);
    if (!valid) expect(fields).toContain(field);
  });
});
