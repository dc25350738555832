#!/usr/bin/env bash
# Helm, for the chart in deploy/helm (its tests render, lint and install it). Not a service:
# a client binary built once from the Go module proxy (no download from get.helm.sh here) and
# linked into .stack/bin with kubectl. Sourced by stack.sh.

HELM_BIN="$CACHE/helm-$HELM_VERSION/bin/helm"

helm_install() { go_install_cached helm "$HELM_VERSION" helm.sh/helm/v4/cmd/helm "3-8 min on 2 cores"; }
