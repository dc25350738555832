// Lint rules are the house limits (../shared/notes/ts-style.md): module boundaries by tag,
// small functions, no floating promises. Pure libs (type:domain, type:util) may not import
// any I/O client, so that translation logic stays testable without a stack.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const ioPackages = [
  'kafkajs',
  'bullmq',
  'ioredis',
  '@kubernetes/client-node',
  '@grpc/grpc-js',
  '@grpc/grpc-js-xds',
  'express',
  'node:child_process',
  'node:net',
  'node:http',
  'node:https',
];

/** Which tags may import which; tests may also use the type:testing libs (the shared stack). */
function boundaries({ tests }) {
  const also = tests ? ['type:testing'] : [];
  const rule = (sourceTag, onlyDependOnLibsWithTags, pure = false) => ({
    sourceTag,
    onlyDependOnLibsWithTags: pure
      ? onlyDependOnLibsWithTags
      : [...onlyDependOnLibsWithTags, ...also],
    ...(pure ? { bannedExternalImports: ioPackages } : {}),
  });
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      rule('type:app', ['type:domain', 'type:data-access', 'type:util']),
      rule('type:tool', ['type:domain', 'type:data-access', 'type:util', 'type:testing']),
      rule('type:data-access', ['type:domain', 'type:data-access', 'type:util']),
      // Pure libs stay pure in their tests too (fixtures, not clients).
      rule('type:domain', ['type:domain', 'type:util'], true),
      rule('type:util', ['type:util'], true),
      rule('type:testing', ['type:domain', 'type:data-access', 'type:util', 'type:testing']),
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.stack/**', 'deploy/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })],
      complexity: ['error', 10],
      'max-depth': ['error', 3],
      'max-params': ['error', 4],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Each project's vitest.config.ts imports the one shared config at the root; that is
    // build wiring, not a dependency between projects.
    files: ['**/vitest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Tests read like tables and stories; length limits there hide nothing.
    files: ['**/*.test.ts', '**/testdata/**', '**/test-harness.ts', '**/bench/**'],
    rules: {
      'max-lines': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })],
    },
  },
  prettier,
);
