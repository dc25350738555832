import { fileURLToPath } from 'node:url';

/** The workspace root (this file is libs/testing/src/repo-root.ts). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
