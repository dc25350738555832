// Writes deploy/crds/<plural>.epic.acnodal.io.yaml for every kind of @epic/model plus
// deploy/crds/kustomization.yaml. `--check` writes nothing and exits 1 listing the files that
// would change (for CI). `--out <dir>` writes elsewhere.
//   tsx tools/crdgen/src/main.ts [--check] [--out deploy/crds]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { changedFiles, generatedFiles } from './plan.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      out: { type: 'string', default: join(workspaceRoot, 'deploy', 'crds') },
    },
  });
  const outDir = resolve(values.out);
  const shown = relative(process.cwd(), outDir) || '.';
  const files = generatedFiles();
  const changed = changedFiles(files, (name) => readIfExists(join(outDir, name)));

  if (values.check) {
    if (changed.length === 0) {
      console.log(`${shown}: ${files.length} files up to date`);
      return 0;
    }
    console.error(`${shown}: ${changed.length} file(s) would change; run \`npm run crds\`:`);
    for (const name of changed) console.error(`  ${join(shown, name)}`);
    return 1;
  }

  mkdirSync(outDir, { recursive: true });
  for (const file of files.filter((f) => changed.includes(f.name))) {
    writeFileSync(join(outDir, file.name), file.content);
    console.log(`wrote ${join(shown, file.name)}`);
  }
  console.log(`${shown}: ${files.length} files, ${changed.length} changed`);
  return 0;
}

process.exitCode = main();
