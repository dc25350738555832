// Golden files: testdata/<case>.in.yaml -> <case>.out.yaml. Every rendered resource must also
// pass the strict check against Envoy's real v3 protos. UPDATE_GOLDEN=1 rewrites the outputs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMessage } from './proto/index.js';
import { goldenCases, renderGoldenCase, testdataDir } from './testdata/golden.js';

const update = process.env['UPDATE_GOLDEN'] === '1';

describe.each(goldenCases())('golden %s', (name) => {
  const { text, snapshot } = renderGoldenCase(name);

  it('matches <case>.out.yaml', () => {
    const outFile = join(testdataDir, `${name}.out.yaml`);
    if (update) writeFileSync(outFile, text);
    expect(existsSync(outFile), `${outFile} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(text).toBe(readFileSync(outFile, 'utf8'));
  });

  it('renders only resources Envoy v3 accepts', () => {
    const problems = Object.values(snapshot.types).flatMap((type) =>
      type.resources.flatMap((r) =>
        checkMessage(type.typeUrl, r.resource).errors.map((e) => `${type.typeUrl} ${r.name} ${e}`),
      ),
    );
    expect(problems).toEqual([]);
  });
});
