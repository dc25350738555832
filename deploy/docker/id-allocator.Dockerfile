# syntax=docker/dockerfile:1
# id-allocator: allocates group, service and tunnel IDs (apps/id-allocator).
# Build from the repository root, which is the context (filtered by .dockerignore):
#   docker build -f deploy/docker/id-allocator.Dockerfile -t epic/id-allocator:0.1.0 .
# Every image is made the same way; deploy/README.md ("Images") explains the choices.
ARG NODE_VERSION=24.21.0

# The workspace with its dev dependencies (esbuild), then one ESM bundle of the app and the
# workspace libs it imports; third-party packages stay external (deploy/docker/bundle.mjs).
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
RUN node deploy/docker/bundle.mjs /out main=apps/id-allocator/src/main.ts

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
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /deps/node_modules ./node_modules
COPY --from=build /out ./
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["node", "--enable-source-maps", "/app/main.mjs"]
