#!/usr/bin/env bash
# `npm run demo [-- flags]`: Node 24 (tools/node-env.sh fetches it once if the machine's is
# older), then the demo under tsx. Flags: --help.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source tools/node-env.sh
exec node --import tsx tools/demo/src/main.ts "$@"
