import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';
import { bundlePaths, bundleRun, dockerfileProblems } from './dockerfile-rules.js';

const good = `ARG NODE_VERSION=24.21.0
FROM node:\${NODE_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
RUN node deploy/docker/bundle.mjs /out main=apps/demo/src/main.ts
FROM node:\${NODE_VERSION}-bookworm AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --workspaces=false
FROM node:\${NODE_VERSION}-bookworm-slim
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx
WORKDIR /app
COPY --from=deps /node_modules ./node_modules
COPY --from=build /out ./
USER 65532:65532
ENTRYPOINT ["node", "--enable-source-maps", "/app/main.mjs"]
`;

function problemsOf(text: string, app = 'demo') {
  return dockerfileProblems(parseDockerfile(text), app);
}

describe('a Dockerfile that follows the rules', () => {
  it('has no problems', () => {
    expect(problemsOf(good)).toEqual([]);
  });

  it('bundles main from the build stage and runs /app/main.mjs', () => {
    const dockerfile = parseDockerfile(good);
    expect(bundleRun(dockerfile)).toMatchObject({
      outDir: '/out',
      entries: [{ name: 'main', entry: 'apps/demo/src/main.ts' }],
      argv: ['node', 'deploy/docker/bundle.mjs', '/out', 'main=apps/demo/src/main.ts'],
    });
    expect(bundlePaths(dockerfile)).toEqual(['/app/main.mjs']);
  });

  it('is checked against its own app', () => {
    expect(problemsOf(good, 'other')).toEqual([
      "bundle entry 'main=apps/demo/src/main.ts' is not <name>=apps/other/src/<file>.ts",
    ]);
  });
});

describe('each broken rule is named', () => {
  const cases: [string, string, string][] = [
    ['no USER', 'USER 65532:65532\n', ''],
    ['root USER', 'USER 65532:65532', 'USER 0'],
    ['named USER', 'USER 65532:65532', 'USER node'],
    ['an unpinned runtime image', '${NODE_VERSION}-bookworm-slim', '24-slim'],
    ['a full runtime image', '${NODE_VERSION}-bookworm-slim', '${NODE_VERSION}-bookworm'],
    [
      'another base image',
      'FROM node:${NODE_VERSION}-bookworm AS build',
      'FROM node:22.1.0 AS build',
    ],
    ['dev dependencies in the runtime', 'RUN rm -rf', 'RUN npm ci && rm -rf'],
    ['a dev tool in the runtime', 'RUN rm -rf', 'RUN npx something && rm -rf'],
    [
      'node_modules with dev dependencies',
      '--from=deps /node_modules',
      '--from=build /node_modules',
    ],
    ['the whole context in the runtime', 'COPY --from=build /out ./', 'COPY . .'],
    [
      'a shell-form ENTRYPOINT',
      '["node", "--enable-source-maps", "/app/main.mjs"]',
      'node /app/main.mjs',
    ],
    ['tsx at run time', '"node", "--enable-source-maps"', '"node", "--import", "tsx"'],
    [
      'not node',
      '["node", "--enable-source-maps", "/app/main.mjs"]',
      '["/bin/sh", "/app/main.mjs"]',
    ],
    ['a bundle that is not built', '"/app/main.mjs"]', '"/app/other.mjs"]'],
    ['no bundle step', 'RUN node deploy/docker/bundle.mjs /out main=apps/demo/src/main.ts\n', ''],
  ];

  it.each(cases)('%s', (_what, from, to) => {
    expect(good).toContain(from);
    expect(problemsOf(good.replace(from, to))).not.toEqual([]);
  });

  it('names the rule in a sentence', () => {
    expect(problemsOf(good.replace('USER 65532:65532', 'USER 0:0'))).toEqual(['USER 0:0 is root']);
    expect(problemsOf(good.replace('RUN rm -rf', 'RUN npm install && rm -rf'))).toEqual([
      'line 11: npm installs dev dependencies in the runtime stage',
    ]);
  });

  it('wants a build and a runtime stage', () => {
    expect(problemsOf('FROM node:24.21.0-bookworm-slim\nUSER 1\n')).toContain(
      'one stage: build and runtime must be separate',
    );
    expect(problemsOf('')).toEqual(['no FROM']);
  });
});
