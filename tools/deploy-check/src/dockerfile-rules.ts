// What every image of deploy/docker must be (deploy/README.md, "Images"): a build stage on
// node:24 that bundles the app with deploy/docker/bundle.mjs, a runtime stage on a pinned
// node:24 slim (or distroless nodejs24) image with production dependencies only, no package
// manager or dev tool run there, a numeric non-root USER, and an exec-form ENTRYPOINT that
// runs one of the app's bundles with node. Pure: problems out, as sentences naming the rule.
import { posix } from 'node:path';
import {
  copyFrom,
  execForm,
  instructionsOf,
  lastArgs,
  runCommand,
  startCommand,
  type Dockerfile,
  type Stage,
} from './dockerfile.js';

export const bundleScript = 'deploy/docker/bundle.mjs';

export interface BundleEntry {
  /** `main` -> `<out>/main.mjs`. */
  name: string;
  /** Repository path of the entry module. */
  entry: string;
}

export interface BundleRun {
  stage: Stage;
  /** The command line, to run it outside Docker too. */
  argv: string[];
  outDir: string;
  entries: BundleEntry[];
}

const runtimeImage =
  /^(node:24\.\d+\.\d+(-[a-z]+)?-slim|gcr\.io\/distroless\/nodejs24-[a-z0-9]+(:[\w.-]+)?)$/;
const buildImage = /^node:24\.\d+\.\d+(-[a-z]+)?$/;
const devTools = new Set(['npx', 'tsx', 'tsc', 'esbuild', 'vitest', 'nx']);
const npmInstall = /^npm\s+(ci|install|i)\b/;

/** The simple commands of a shell line (split at `&&`, `||`, `;`, `|`), trimmed. */
function shellCommands(line: string): string[] {
  return line
    .split(/&&|\|\||;|\|/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

const programOf = (command: string) => posix.basename(command.split(/\s+/)[0] ?? '');

/** `RUN node deploy/docker/bundle.mjs <out> name=entry...` in a stage, parsed. */
export function bundleRun(dockerfile: Dockerfile): BundleRun | undefined {
  for (const stage of dockerfile.stages) {
    for (const run of instructionsOf(stage, 'RUN')) {
      const argv = (execForm(run.args) ?? runCommand(run).split(/\s+/)).filter((a) => a !== '');
      if (argv[0] !== 'node' || argv[1] !== bundleScript) continue;
      const [outDir = '', ...pairs] = argv.slice(2);
      const entries = pairs.map((pair) => {
        const [name = '', entry = ''] = pair.split('=', 2);
        return { name, entry };
      });
      return { stage, argv, outDir, entries };
    }
  }
  return undefined;
}

/** Where the runtime stage puts each bundle: `/app/main.mjs`. */
export function bundlePaths(dockerfile: Dockerfile): string[] {
  const run = bundleRun(dockerfile);
  const runtime = dockerfile.stages.at(-1);
  if (!run?.stage.name || !runtime) return [];
  const copy = instructionsOf(runtime, 'COPY')
    .map(copyFrom)
    .find((c) => c.from === run.stage.name && c.sources.includes(run.outDir));
  if (!copy) return [];
  const workdir = lastArgs(runtime, 'WORKDIR') ?? '/';
  const destination = posix.resolve(workdir, copy.destination);
  return run.entries.map((e) => posix.join(destination, `${e.name}.mjs`));
}

function stageProblems(dockerfile: Dockerfile): string[] {
  const problems: string[] = [];
  const runtime = dockerfile.stages.at(-1);
  if (dockerfile.stages.length < 2) problems.push('one stage: build and runtime must be separate');
  if (runtime && !runtimeImage.test(runtime.image)) {
    problems.push(
      `runtime stage FROM ${runtime.image}: a pinned node:24.x.y-slim or distroless nodejs24`,
    );
  }
  const run = bundleRun(dockerfile);
  if (run && !buildImage.test(run.stage.image)) {
    problems.push(`build stage FROM ${run.stage.image}: a pinned node:24.x.y image`);
  }
  return problems;
}

function bundleProblems(dockerfile: Dockerfile, app: string): string[] {
  const run = bundleRun(dockerfile);
  if (!run) return [`no build stage runs 'node ${bundleScript}'`];
  const problems: string[] = [];
  if (run.stage === dockerfile.stages.at(-1))
    problems.push('the bundle is built in the runtime stage');
  if (run.entries.length === 0) problems.push('the bundle step names no entry point');
  for (const { name, entry } of run.entries) {
    if (
      !/^[a-z][a-z0-9-]*$/.test(name) ||
      !entry.startsWith(`apps/${app}/src/`) ||
      !entry.endsWith('.ts')
    ) {
      problems.push(`bundle entry '${name}=${entry}' is not <name>=apps/${app}/src/<file>.ts`);
    }
  }
  return problems;
}

function userProblems(runtime: Stage): string[] {
  const user = lastArgs(runtime, 'USER');
  if (user === undefined) return ['the runtime stage sets no USER (it would run as root)'];
  const uid = user.split(':')[0] ?? '';
  if (!/^\d+$/.test(uid)) return [`USER ${user}: numeric, so the kubelet can verify runAsNonRoot`];
  return uid === '0' ? [`USER ${user} is root`] : [];
}

const installsDev = (command: string) =>
  npmInstall.test(command) && !command.includes('--omit=dev');

/** A stage's installs: `npm ci`/`npm install` without --omit=dev brings dev dependencies. */
function installsDevDependencies(stage: Stage): boolean {
  return instructionsOf(stage, 'RUN').some((run) =>
    shellCommands(runCommand(run)).some(installsDev),
  );
}

function runtimeContentProblems(dockerfile: Dockerfile, runtime: Stage): string[] {
  const problems: string[] = [];
  for (const run of instructionsOf(runtime, 'RUN')) {
    const commands = shellCommands(runCommand(run));
    if (commands.some(installsDev)) {
      problems.push(`line ${run.line}: npm installs dev dependencies in the runtime stage`);
    }
    if (commands.some((c) => devTools.has(programOf(c)))) {
      problems.push(`line ${run.line}: a dev tool runs in the runtime stage`);
    }
  }
  for (const copy of instructionsOf(runtime, 'COPY')) {
    const { from, sources } = copyFrom(copy);
    const source = dockerfile.stages.find((s) => s.name === from);
    if (from === undefined && sources.includes('.')) {
      problems.push(`line ${copy.line}: the runtime stage copies the whole build context`);
    }
    if (
      source &&
      sources.some((s) => s.includes('node_modules')) &&
      installsDevDependencies(source)
    ) {
      problems.push(
        `line ${copy.line}: node_modules from stage ${from}, which has dev dependencies`,
      );
    }
  }
  return problems;
}

function startProblems(dockerfile: Dockerfile, runtime: Stage): string[] {
  const command = startCommand(runtime);
  if (!command) return ['no exec-form ENTRYPOINT (["node", ...]) in the runtime stage'];
  const problems: string[] = [];
  if (command[0] !== 'node')
    problems.push(`the ENTRYPOINT runs ${command[0] ?? 'nothing'}, not node`);
  if (command.some((arg) => devTools.has(posix.basename(arg)))) {
    problems.push('the ENTRYPOINT runs a dev tool');
  }
  const bundles = bundlePaths(dockerfile);
  if (!command.some((arg) => bundles.includes(arg))) {
    problems.push(
      `the start command ${JSON.stringify(command)} runs none of ${JSON.stringify(bundles)}`,
    );
  }
  return problems;
}

/** Everything wrong with an app's Dockerfile; empty when it follows the rules. */
export function dockerfileProblems(dockerfile: Dockerfile, app: string): string[] {
  const runtime = dockerfile.stages.at(-1);
  if (!runtime) return ['no FROM'];
  return [
    ...stageProblems(dockerfile),
    ...bundleProblems(dockerfile, app),
    ...userProblems(runtime),
    ...runtimeContentProblems(dockerfile, runtime),
    ...startProblems(dockerfile, runtime),
  ];
}
