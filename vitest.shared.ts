import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const summaryReporter = fileURLToPath(new URL('./tools/test-summary/reporter.ts', import.meta.url));
const stackGlobalSetup = fileURLToPath(
  new URL('./libs/testing/src/global-setup.ts', import.meta.url),
);

/**
 * One vitest configuration for every project. Unit tests (`*.test.ts`) and integration
 * tests (`*.int.test.ts`) run together under `nx run-many -t test`; integration tests
 * reach the one local stack through the global setup in @epic/testing, which starts the
 * stack when it is not running (tools/stack) and exports its environment.
 */
export function projectTestConfig(options: { integration?: boolean } = {}) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      globalSetup: options.integration ? [stackGlobalSetup] : [],
      testTimeout: options.integration ? 60_000 : 10_000,
      hookTimeout: options.integration ? 120_000 : 10_000,
      reporters: ['default', summaryReporter],
    },
  });
}
