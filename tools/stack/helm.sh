#!/usr/bin/env bash
# Helm, for the chart in deploy/helm (its tests render, lint and install it). Not a service:
# a client binary built once from the Go module proxy (no download from get.helm.sh here) and
# linked into .stack/bin with kubectl. Sourced by stack.sh.

HELM_BIN="$CACHE/helm-$HELM_VERSION/bin/helm"

helm_install() {
  [[ -x "$HELM_BIN" ]] && return 0
  need_go
  local start; start=$(date +%s)
  say "building helm $HELM_VERSION from the Go module proxy (cold: 3-8 min on 2 cores)"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$CACHE/helm-$HELM_VERSION/bin" \
    go install -trimpath -ldflags "-s -w" "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" >&2 \
    || die "building helm $HELM_VERSION failed (output above)"
  say "helm built in $(( $(date +%s) - start ))s"
}
