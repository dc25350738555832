# syntax=docker/dockerfile:1
# tunnel-programmer: the tunnel dispatcher and the per-node tunnel agent (apps/tunnel-programmer).
# Build from the repository root, which is the context (filtered by .dockerignore):
#   docker build -f deploy/docker/tunnel-programmer.Dockerfile -t epic/tunnel-programmer:0.1.0 .
# Every image is made the same way; deploy/README.md ("Images") explains the choices.
ARG NODE_VERSION=24.21.0

# The workspace with its dev dependencies (esbuild), then one ESM bundle of the app and the
# workspace libs it imports; third-party packages stay external (deploy/docker/bundle.mjs).
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
RUN node deploy/docker/bundle.mjs /out dispatcher=apps/tunnel-programmer/src/dispatcher-main.ts agent=apps/tunnel-programmer/src/agent-main.ts

# Production dependencies only, exactly as locked: no workspaces, no dev tooling, no install
# scripts (the native add-ons used ship prebuilt binaries).
FROM node:${NODE_VERSION}-bookworm AS deps
WORKDIR /deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --workspaces=false --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# The package managers are tooling the running app never needs.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx \
      /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
# The node agent programs tunnels with iproute2's `ip`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends iproute2 \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /deps/node_modules ./node_modules
COPY --from=build /out ./
USER 65532:65532
EXPOSE 8080 9180
# Two processes, one image: the dispatcher by default; the agent DaemonSet runs
# `/app/agent.mjs` (deploy/kustomize/base/tunnel-programmer).
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["/app/dispatcher.mjs"]
