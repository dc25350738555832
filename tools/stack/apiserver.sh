#!/usr/bin/env bash
# kube-apiserver on 127.0.0.1 with its own small CA (the way envtest runs it), and the
# kubeconfig that every client uses. Admission stays on so our webhooks are exercised;
# only the ServiceAccount plugin is off: pods here are KWOK's fakes and need no token, and
# with it on every Pod would wait for kube-controller-manager, which only `full` runs.
# ConfigMaps (which EPIC does not use) bypass the watch cache, so their watches are served by
# etcd itself: a test can then force a real 410 Gone by compacting etcd. (The watch cache of a
# freshly started apiserver serves any old resourceVersion until it first evicts an event.)
# Sourced by stack.sh.

PKI="$STATE/pki"

apiserver_install() {
  local args=()
  [[ "${PROFILE:-}" == full ]] && args+=(--full)
  EPIC_K8S_VERSION="$K8S_VERSION" EPIC_STACK_CACHE="$CACHE" bash "$STACK_TOOLS/build-k8s.sh" "${args[@]}" >&2 \
    || die "building Kubernetes $K8S_VERSION failed (output above)"
}

# A CA, the serving cert (SAN 127.0.0.1), the service-account key pair, an admin token.
# Kept across restarts of the stack so kubeconfigs stay valid; `down --purge` removes it.
apiserver_pki() {
  [[ -f "$PKI/tokens.csv" ]] && return 0
  command -v openssl >/dev/null || apt_install openssl
  say "generating the local CA and certificates in .stack/pki"
  mkdir -p "$PKI"
  (
    set -e
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=epic-local-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    issue_cert apiserver kube-apiserver \
      "IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1"
    issue_cert webhook epic-webhook "IP:127.0.0.1,DNS:localhost"
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
    echo "$(openssl rand -hex 24),admin,admin-uid,\"system:masters\"" > tokens.csv.tmp
    mv tokens.csv.tmp tokens.csv
  ) >/dev/null 2>&1 || die "openssl failed to generate the local PKI in $PKI"
}

# issue_cert FILE CN SANS: a serving certificate signed by the local CA (run inside $PKI).
issue_cert() {
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 -extfile "$1.ext"
}

apiserver_kubeconfig() {
  local token
  token=$(cut -d, -f1 "$PKI/tokens.csv")
  umask 077
  cat > "$KUBECONFIG_FILE.tmp" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: epic-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: admin
  user:
    token: $token
contexts:
- name: epic-local
  context:
    cluster: epic-local
    user: admin
current-context: epic-local
KCFG
  mv "$KUBECONFIG_FILE.tmp" "$KUBECONFIG_FILE"
}

apiserver_ready() { curl -fsS --cacert "$PKI/ca.crt" "https://127.0.0.1:$APISERVER_PORT/readyz" | grep -qx ok; }

apiserver_start() {
  apiserver_pki
  apiserver_kubeconfig
  start_bg kube-apiserver "$APISERVER_PORT" "$K8S_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --cert-dir="$PKI" --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" --token-auth-file="$PKI/tokens.csv" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true \
    --authorization-mode=Node,RBAC --endpoint-reconciler-type=none --profiling=false \
    --disable-admission-plugins=ServiceAccount \
    --watch-cache-sizes=configmaps#0 \
    --max-requests-inflight=3000 --max-mutating-requests-inflight=1000
  wait_until kube-apiserver 120 apiserver_ready
}

apiserver_status() {
  if is_running kube-apiserver && apiserver_ready; then
    echo "kube-apiserver up    https://127.0.0.1:$APISERVER_PORT ($K8S_VERSION, kubeconfig .stack/kubeconfig)"
  else
    echo "kube-apiserver down"; return 1
  fi
}
