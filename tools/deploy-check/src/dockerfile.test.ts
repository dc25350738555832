import { describe, expect, it } from 'vitest';
import {
  copyFrom,
  execForm,
  lastArgs,
  logicalLines,
  parseDockerfile,
  runCommand,
  startCommand,
  substitute,
} from './dockerfile.js';

const sample = `# syntax=docker/dockerfile:1
# a comment
ARG NODE_VERSION=24.21.0
ARG OTHER

FROM --platform=$BUILDPLATFORM node:\${NODE_VERSION}-bookworm AS build
WORKDIR /src
RUN --mount=type=cache,target=/root/.npm npm ci \\
      # a comment inside a continued instruction
      --ignore-scripts
FROM node:$NODE_VERSION-bookworm-slim
copy --from=build /out ./
USER 65532:65532
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["/app/main.mjs"]
`;

describe('parseDockerfile', () => {
  const dockerfile = parseDockerfile(sample);

  it('reads global ARG defaults and substitutes them in FROM', () => {
    expect(dockerfile.globalArgs).toEqual({ NODE_VERSION: '24.21.0', OTHER: '' });
    expect(dockerfile.stages.map((s) => [s.name, s.image])).toEqual([
      ['build', 'node:24.21.0-bookworm'],
      [undefined, 'node:24.21.0-bookworm-slim'],
    ]);
  });

  it('joins continued lines, drops comments, upper-cases keywords and keeps line numbers', () => {
    const [build, runtime] = dockerfile.stages;
    expect(build?.instructions.map((i) => [i.keyword, i.line])).toEqual([
      ['WORKDIR', 7],
      ['RUN', 8],
    ]);
    expect(build?.instructions[1]?.args).toBe(
      '--mount=type=cache,target=/root/.npm npm ci --ignore-scripts',
    );
    expect(runtime?.instructions.map((i) => i.keyword)).toEqual([
      'COPY',
      'USER',
      'ENTRYPOINT',
      'CMD',
    ]);
  });

  it('reads the start command, USER, RUN without BuildKit flags and COPY --from', () => {
    const [build, runtime] = dockerfile.stages;
    expect(startCommand(runtime!)).toEqual(['node', '--enable-source-maps', '/app/main.mjs']);
    expect(lastArgs(runtime!, 'USER')).toBe('65532:65532');
    expect(runCommand(build!.instructions[1]!)).toBe('npm ci --ignore-scripts');
    expect(copyFrom(runtime!.instructions[0]!)).toEqual({
      from: 'build',
      sources: ['/out'],
      destination: './',
    });
  });
});

describe('helpers', () => {
  it.each([
    ['${A}-x', 'a-x'],
    ['$A/$B', 'a/$B'],
    ['plain', 'plain'],
  ])('substitute %s', (text, expected) => {
    expect(substitute(text, { A: 'a' })).toBe(expected);
  });

  it('reads exec form and refuses a list of non-strings', () => {
    expect(execForm('["node", "x.mjs"]')).toEqual(['node', 'x.mjs']);
    expect(execForm('node x.mjs')).toBeUndefined();
    expect(() => execForm('[1]')).toThrow(/JSON list of strings/);
  });

  it('keeps a trailing continuation as the last line', () => {
    expect(logicalLines('RUN a \\\n  b \\')).toEqual([{ text: 'RUN a b', line: 1 }]);
  });

  it('has no start command without an exec-form ENTRYPOINT', () => {
    const [stage] = parseDockerfile('FROM x\nENTRYPOINT node /app/main.mjs\n').stages;
    expect(startCommand(stage!)).toBeUndefined();
  });
});
