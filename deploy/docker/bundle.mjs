// Bundles an app's entry points into single ESM files for its image (the build stage of every
// deploy/docker/*.Dockerfile runs it; tools/deploy-check runs it too, so a broken bundle fails
// a test here, where no Docker engine is available).
//
//   node deploy/docker/bundle.mjs <out dir> <name>=<entry.ts> [<name>=<entry.ts> ...]
//   node deploy/docker/bundle.mjs /out/ingest main=apps/ingest/src/main.ts
//
// Our own code (apps/*, libs/* through their @epic/* workspace packages) is bundled; every
// third-party package stays external and is installed in the runtime stage from the lockfile
// (`npm ci --omit=dev`). That keeps native and data-carrying packages working unchanged: the
// Envoy .proto files of @grpc/grpc-js-xds are read from node_modules at run time. A third-party
// package that is not a root `dependencies` entry would be bundled by accident, so it is an
// error here: declare it in the root package.json instead.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function usage(message) {
  process.stderr.write(`bundle.mjs: ${message}\nusage: node deploy/docker/bundle.mjs <out dir> <name>=<entry.ts> ...\n`);
  process.exit(2);
}

const [outdir, ...pairs] = process.argv.slice(2);
if (!outdir || pairs.length === 0) usage('an output directory and at least one entry are required');
const entryPoints = Object.fromEntries(
  pairs.map((pair) => {
    const match = /^([a-z][a-z0-9-]*)=(.+\.ts)$/.exec(pair);
    if (!match) usage(`'${pair}' is not <name>=<entry.ts>`);
    return [match[1], join(root, match[2])];
  }),
);

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dependencies = Object.keys(manifest.dependencies ?? {});
const external = dependencies.flatMap((name) => [name, `${name}/*`]);

const result = await build({
  entryPoints,
  outdir: resolve(outdir),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  external,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
});

const bundledPackages = Object.keys(result.metafile.inputs).filter((input) =>
  input.split('/').includes('node_modules'),
);
if (bundledPackages.length > 0) {
  process.stderr.write(
    `bundle.mjs: third-party code was bundled; add its package to the root package.json dependencies:\n  ${bundledPackages.join('\n  ')}\n`,
  );
  process.exit(1);
}
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.mjs')) process.stdout.write(`${relative(root, file)}  ${output.bytes} bytes\n`);
}
