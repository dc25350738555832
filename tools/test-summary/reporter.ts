// A vitest reporter that appends one JSON line per project run (passed / failed / skipped)
// to the file named by EPIC_TEST_SUMMARY, so CI can print one total across the parallel
// nx projects (tools/test-summary/total.mjs). Without the variable it does nothing.
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const file = process.env.EPIC_TEST_SUMMARY;
    if (!file) return;
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    appendFileSync(file, `${JSON.stringify({ project: process.cwd(), ...counts })}\n`);
  }
}
