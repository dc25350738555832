// Prints the total of the lines tools/test-summary/reporter.ts wrote: `N passed, N failed`.
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sum = (key) => lines.reduce((n, l) => n + l[key], 0);
console.log(`Projects tested: ${lines.length}`);
console.log(`Tests: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
