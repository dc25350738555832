#!/bin/sh
# One-shot of `docker compose --profile apps` (service admission-cert, alpine): a self-signed
# serving certificate for the admission container (DNS:admission, the name the compose
# kube-apiserver calls it by), in the Secret layout the server reads (tls.crt, tls.key), owned
# by the apps' user. setup.sh uses tls.crt as the webhooks' caBundle. Kept across runs.
set -eu

TLS_DIR=${TLS_DIR:-/tls}
APP_UID=${APP_UID:-65532}

if [ -s "$TLS_DIR/tls.crt" ] && [ -s "$TLS_DIR/tls.key" ]; then
  echo '[admission-cert] keeping the existing certificate' >&2
  exit 0
fi
command -v openssl >/dev/null 2>&1 || apk add --no-cache --quiet openssl
mkdir -p "$TLS_DIR"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
  -subj '/CN=admission' -addext 'subjectAltName=DNS:admission,DNS:localhost,IP:127.0.0.1' \
  -keyout "$TLS_DIR/tls.key.tmp" -out "$TLS_DIR/tls.crt.tmp" 2>/dev/null
chown "$APP_UID:$APP_UID" "$TLS_DIR/tls.key.tmp" "$TLS_DIR/tls.crt.tmp"
chmod 0400 "$TLS_DIR/tls.key.tmp"
chmod 0444 "$TLS_DIR/tls.crt.tmp"
mv -f "$TLS_DIR/tls.key.tmp" "$TLS_DIR/tls.key"
mv -f "$TLS_DIR/tls.crt.tmp" "$TLS_DIR/tls.crt"
echo '[admission-cert] issued a self-signed certificate for DNS:admission' >&2
