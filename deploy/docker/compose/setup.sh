#!/bin/bash
# One-shot of `docker compose --profile apps` (service epic-setup, image registry.k8s.io/kubectl,
# which carries bash, jq and coreutils): prepares the compose kube-apiserver for the apps as a
# cluster install would, and gives every app its own identity instead of the admin token.
#   1. the CRDs and the core namespace      (deploy/kustomize/core)
#   2. every app's ServiceAccount and RBAC  (deploy/kustomize/rbac, deploy/webhooks/rbac.yaml)
#   3. one kubeconfig per app in $APP_KUBE_DIR, with a token of its ServiceAccount (TokenRequest;
#      this stack runs no controller-manager to mint Secret tokens), readable by the apps' user
#      only, so each app runs with exactly its RBAC, as in a cluster
#   4. the admission webhooks (deploy/webhooks/webhooks.yaml) pointed at the admission
#      container's URL with its self-signed certificate as caBundle (admission-cert.sh)
# Idempotent: every run re-applies and issues fresh tokens.
set -euo pipefail

DEPLOY=${DEPLOY:-/deploy}
APP_KUBE_DIR=${APP_KUBE_DIR:-/app-kube}
APP_UID=${APP_UID:-65532}
ADMISSION_URL=${ADMISSION_URL:-https://admission:9443}
ADMISSION_CA=${ADMISSION_CA:-/admission-tls/tls.crt}
TOKEN_DURATION=${TOKEN_DURATION:-8760h}
SERVICE_ACCOUNTS=(ingest id-allocator address-allocator envoy-renderer xds-server
  tunnel-dispatcher tunnel-agent epic-admission)

log() { printf '[epic-setup] %s\n' "$*" >&2; }
apply() { kubectl apply --server-side --force-conflicts --field-manager=epic-compose "$@" >/dev/null; }

log 'CRDs and the core namespace'
apply -k "$DEPLOY/kustomize/core"
kubectl wait --for=condition=Established --timeout=60s crd --all >/dev/null

log 'ServiceAccounts and RBAC'
apply -k "$DEPLOY/kustomize/rbac"
apply -f "$DEPLOY/webhooks/rbac.yaml"

server=$(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.server}')
ca_data=$(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')
mkdir -p "$APP_KUBE_DIR"
for sa in "${SERVICE_ACCOUNTS[@]}"; do
  token=$(kubectl -n epic create token "$sa" --duration="$TOKEN_DURATION")
  file="$APP_KUBE_DIR/$sa.kubeconfig"
  (
    umask 077
    jq -n --arg server "$server" --arg ca "$ca_data" --arg token "$token" --arg sa "$sa" '{
      apiVersion: "v1", kind: "Config", "current-context": "epic",
      clusters: [{name: "epic", cluster: {server: $server, "certificate-authority-data": $ca}}],
      users: [{name: $sa, user: {token: $token}}],
      contexts: [{name: "epic", context: {cluster: "epic", user: $sa, namespace: "epic"}}]
    }' >"$file.tmp"
  )
  chown "$APP_UID:$APP_UID" "$file.tmp"
  mv -f "$file.tmp" "$file"
done
log "kubeconfigs for ${#SERVICE_ACCOUNTS[@]} ServiceAccounts in $APP_KUBE_DIR"

log "admission webhooks -> $ADMISSION_URL"
ca_bundle=$(base64 -w0 <"$ADMISSION_CA")
# kubectl prints several objects as a List or one by one, depending on its version.
kubectl create --dry-run=client -o json -f "$DEPLOY/webhooks/webhooks.yaml" |
  jq --arg url "$ADMISSION_URL" --arg ca "$ca_bundle" '
    (if .kind == "List" then .items[] else . end)
    | del(.metadata.annotations["cert-manager.io/inject-ca-from"])
    | .webhooks |= map(.clientConfig = {url: ($url + .clientConfig.service.path), caBundle: $ca})' |
  apply -f -
log 'done'
