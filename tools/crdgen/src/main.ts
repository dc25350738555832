// Writes deploy/crds/<plural>.epic.acnodal.io.yaml for every kind of @epic/model plus
// deploy/crds/kustomization.yaml, and the same CRDs into the Helm chart's crds/. `--check`
// writes nothing and exits 1 listing the files that would change (for CI). `--out <dir>` writes
// the deploy/crds set elsewhere.
//   tsx tools/crdgen/src/main.ts [--check] [--out deploy/crds]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { changedFiles, crdTargets, generatedFiles, type GeneratedFile } from './plan.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Checks or writes one directory; returns how many files differ(ed). */
function sync(outDir: string, files: readonly GeneratedFile[], check: boolean): number {
  const shown = relative(process.cwd(), outDir) || '.';
  const changed = changedFiles(files, (name) => readIfExists(join(outDir, name)));
  if (check) {
    if (changed.length === 0) console.log(`${shown}: ${files.length} files up to date`);
    else console.error(`${shown}: ${changed.length} file(s) would change; run \`npm run crds\`:`);
    for (const name of changed) console.error(`  ${join(shown, name)}`);
    return changed.length;
  }
  mkdirSync(outDir, { recursive: true });
  for (const file of files.filter((f) => changed.includes(f.name))) {
    writeFileSync(join(outDir, file.name), file.content);
    console.log(`wrote ${join(shown, file.name)}`);
  }
  console.log(`${shown}: ${files.length} files, ${changed.length} changed`);
  return changed.length;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const targets = values.out
    ? [{ dir: resolve(values.out), files: generatedFiles() }]
    : crdTargets().map((t) => ({ ...t, dir: join(workspaceRoot, t.dir) }));
  const differing = targets.reduce((n, t) => n + sync(t.dir, t.files, values.check), 0);
  return values.check && differing > 0 ? 1 : 0;
}

process.exitCode = main();
