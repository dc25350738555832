#!/usr/bin/env bash
# etcd for the local kube-apiserver, built from the Go module proxy. etcd's own go.mod
# uses relative replaces, so `go install` refuses it; as a dependency of a throwaway
# module the replaces are ignored and its published requirements are used.
# Sourced by stack.sh.

ETCD_BIN="$CACHE/etcd-$ETCD_VERSION/bin/etcd"

etcd_install() {
  [[ -x "$ETCD_BIN" ]] && return 0
  need_go
  local w="$CACHE/etcd-$ETCD_VERSION" start
  mkdir -p "$w/src" "$w/bin"
  say "building etcd $ETCD_VERSION from the Go module proxy (cold: 2-5 min)"
  start=$(date +%s)
  (
    set -e
    cd "$w/src"
    export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
    [[ -f go.mod ]] || go mod init local/etcdbuild >/dev/null 2>&1
    printf 'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n' > main.go
    go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
    go mod tidy
    go build -trimpath -ldflags "-s -w" -o "$w/bin/etcd.tmp" .
    mv "$w/bin/etcd.tmp" "$ETCD_BIN"
  ) >&2 || die "building etcd $ETCD_VERSION failed (output above); check that the Go module proxy is reachable"
  say "etcd built in $(( $(date +%s) - start ))s"
}

etcd_healthy() { curl -fsS "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }

etcd_start() {
  etcd_install
  mkdir -p "$STATE/data"
  start_bg etcd "$ETCD_PORT" "$ETCD_BIN" --name epic-local --data-dir "$STATE/data/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "epic-local=http://127.0.0.1:$ETCD_PEER_PORT" \
    --listen-metrics-urls "" --logger zap --log-level warn \
    --unsafe-no-fsync --quota-backend-bytes 4294967296 --auto-compaction-retention 10m
  wait_until etcd 60 etcd_healthy
}

etcd_status() {
  if is_running etcd && etcd_healthy; then echo "etcd           up    http://127.0.0.1:$ETCD_PORT ($ETCD_VERSION)"; else echo "etcd           down"; return 1; fi
}
