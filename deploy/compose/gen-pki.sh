#!/bin/sh
# One-shot PKI for the Docker Compose stack (docker-compose.yml, service `pki`): the same
# material tools/stack/apiserver.sh makes for the native stack, written where both the
# kube-apiserver container and the user on the host can read it.
#
#   $OUT_DIR/pki/ca.crt ca.key            the local CA
#   $OUT_DIR/pki/apiserver.crt .key       serving cert, SAN IP:127.0.0.1 and DNS:kube-apiserver
#   $OUT_DIR/pki/sa.key sa.pub            service-account signing key pair
#   $OUT_DIR/pki/tokens.csv               one random admin token in group system:masters
#   $OUT_DIR/kubeconfig                   for the host:           https://127.0.0.1:$APISERVER_PORT
#   $OUT_DIR/kubeconfig.internal          for containers (apps):  https://kube-apiserver:$APISERVER_PORT
#
# Idempotent: existing PKI is kept (so exported kubeconfigs stay valid); only the
# kubeconfigs are rewritten. Delete $OUT_DIR to start over. POSIX sh (Alpine's ash).
set -eu

OUT_DIR=${OUT_DIR:-/out}
APISERVER_PORT=${APISERVER_PORT:-16443}
PKI_DIR="$OUT_DIR/pki"

log() { printf '[pki] %s\n' "$*" >&2; }

need_openssl() {
  command -v openssl >/dev/null 2>&1 && return 0
  command -v apk >/dev/null 2>&1 || { log 'openssl is missing and apk is not available'; exit 1; }
  log 'installing openssl (apk)'
  apk add --no-cache --quiet openssl
}

# issue_cert NAME CN SANS: a serving certificate signed by the CA (run inside the PKI dir).
issue_cert() {
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$3" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 -extfile "$1.ext"
  rm -f "$1.csr" "$1.ext"
}

# Everything is made in a scratch dir and moved into place at the end, so an
# interrupted run does not leave a half-made PKI that the next run would keep.
# (openssl's progress dots go to the container log; errors too.)
generate_pki() {
  need_openssl
  log "generating the local CA, certificates and admin token in $PKI_DIR"
  work="$PKI_DIR.tmp"
  rm -rf "$work"
  mkdir -p "$work"
  (
    cd "$work"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj '/CN=epic-local-ca' \
      -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
    issue_cert apiserver kube-apiserver \
      'IP:127.0.0.1,DNS:localhost,DNS:kube-apiserver,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1'
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
    printf '%s,admin,admin-uid,"system:masters"\n' "$(openssl rand -hex 24)" >tokens.csv
    chmod 600 ca.key apiserver.key sa.key tokens.csv
  ) >/dev/null
  # Move files, not the directory: the kube-apiserver container bind-mounts $PKI_DIR and
  # Docker may already have created it. tokens.csv, the marker of a complete PKI, sorts last.
  mkdir -p "$PKI_DIR"
  for f in "$work"/*; do mv -f "$f" "$PKI_DIR/"; done
  rmdir "$work"
}

# write_kubeconfig FILE SERVER: admin token auth, CA embedded so the file works anywhere.
write_kubeconfig() {
  token=$(cut -d, -f1 "$PKI_DIR/tokens.csv")
  ca_data=$(base64 <"$PKI_DIR/ca.crt" | tr -d '\n')
  umask 077
  cat >"$1.tmp" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: epic-compose
  cluster:
    server: $2
    certificate-authority-data: $ca_data
users:
- name: admin
  user:
    token: $token
contexts:
- name: epic-compose
  context:
    cluster: epic-compose
    user: admin
current-context: epic-compose
KCFG
  mv "$1.tmp" "$1"
}

mkdir -p "$OUT_DIR"
# Generated secrets never belong in git; this keeps the directory out of `git status`.
[ -f "$OUT_DIR/.gitignore" ] || printf '*\n' >"$OUT_DIR/.gitignore"

if [ -s "$PKI_DIR/tokens.csv" ] && [ -s "$PKI_DIR/apiserver.crt" ] && [ -s "$PKI_DIR/sa.pub" ]; then
  log "keeping the existing PKI in $PKI_DIR"
else
  generate_pki
fi
write_kubeconfig "$OUT_DIR/kubeconfig" "https://127.0.0.1:$APISERVER_PORT"
write_kubeconfig "$OUT_DIR/kubeconfig.internal" "https://kube-apiserver:$APISERVER_PORT"

# The files were written as root inside the container; hand them to whoever owns the
# checkout (the owner of this script, bind-mounted from the host) so `export
# KUBECONFIG=...` works without sudo. The kube-apiserver container runs as root.
owner=${PKI_OWNER:-$(stat -c '%u:%g' "$0" 2>/dev/null || true)}
if [ -n "$owner" ]; then
  chown -R "$owner" "$OUT_DIR" 2>/dev/null || log "could not chown $OUT_DIR to $owner (continuing)"
fi
log "done: export KUBECONFIG=\$PWD/.stack-compose/kubeconfig"
