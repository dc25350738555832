#!/usr/bin/env bash
# The `full` profile: kube-controller-manager, kube-scheduler and KWOK fake nodes, so a
# Deployment gets Pods that are scheduled and reported Running (nothing really runs).
# Sourced by stack.sh.

KWOK_BIN="$CACHE/kwok-$KWOK_VERSION/bin/kwok"

kwok_install() { go_install_cached kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok "2-5 min"; }

# kwok refuses to run without stages; take its own defaults from the module cache so we
# never keep stale copies.
kwok_stages() {
  local dir
  dir="$(GOTOOLCHAIN=local go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage"
  [[ -d "$dir" ]] || GOTOOLCHAIN=local go mod download "sigs.k8s.io/kwok@$KWOK_VERSION" >&2
  local f
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    [[ -f "$dir/$f" ]] || die "kwok stage $f not found in $dir"
    cat "$dir/$f"; echo '---'
  done > "$STATE/kwok-stages.yaml"
}

kcm_ready() { curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz" | grep -qx ok; }
scheduler_ready() { curl -fsSk "https://127.0.0.1:$SCHEDULER_PORT/healthz" | grep -qx ok; }
kwok_ready() { curl -fsS "http://127.0.0.1:$KWOK_PORT/healthz" | grep -qx ok; }

kwok_start() {
  kwok_install
  kwok_stages
  start_bg kube-controller-manager "$KCM_PORT" "$K8S_BIN/kube-controller-manager" \
    --kubeconfig="$KUBECONFIG_FILE" --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
    --leader-elect=false --use-service-account-credentials=false \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --controllers='*,-nodeipam,-service,-route,-cloud-node-lifecycle'
  start_bg kube-scheduler "$SCHEDULER_PORT" "$K8S_BIN/kube-scheduler" \
    --kubeconfig="$KUBECONFIG_FILE" --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
    --leader-elect=false --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT"
  start_bg kwok "$KWOK_PORT" "$KWOK_BIN" --kubeconfig="$KUBECONFIG_FILE" --config="$STATE/kwok-stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --node-lease-duration-seconds=40 --cidr=10.0.0.0/24 --node-ip=10.0.0.1 --server-address="127.0.0.1:$KWOK_PORT"
  wait_until kube-controller-manager 90 kcm_ready
  wait_until kube-scheduler 60 scheduler_ready
  wait_until kwok 60 kwok_ready
}

kwok_status() {
  local s
  for s in kube-controller-manager kube-scheduler kwok; do
    if is_running "$s"; then printf '%-14s up\n' "$s"; else printf '%-14s down\n' "$s"; fi
  done
}
