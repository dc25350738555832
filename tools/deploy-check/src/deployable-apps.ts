// The apps that are deployed: every apps/<app> except command-line tools (a package.json with
// `bin`, like epicctl), which users run themselves. A new app appears here by existing, so the
// checks demand a Dockerfile and a workload for it without anyone remembering to list it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@epic/testing';

export function deployableApps(appsDir = join(repoRoot, 'apps')): string[] {
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((app) => {
      const file = join(appsDir, app, 'package.json');
      if (!existsSync(file)) return false;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { bin?: unknown };
      return manifest.bin === undefined;
    })
    .sort();
}
