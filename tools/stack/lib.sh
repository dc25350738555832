#!/usr/bin/env bash
# Shared pieces of the local stack scripts: where things live, which ports, how a
# service is started in the background, waited for, and stopped. Sourced, not run.

STACK_TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$STACK_TOOLS/../.." && pwd)
STATE=${EPIC_STACK_STATE:-$REPO_ROOT/.stack}     # per checkout: pki, kubeconfig, data, logs, pids
CACHE=${EPIC_STACK_CACHE:-$HOME/.cache/epic-stack} # per machine: built binaries and jars, by version

# Versions (bump here; caches are keyed by them).
K8S_VERSION=${EPIC_K8S_VERSION:-v1.35.4}
ETCD_VERSION=${EPIC_ETCD_VERSION:-v3.6.16}
KAFKA_VERSION=${EPIC_KAFKA_VERSION:-3.9.2}
KWOK_VERSION=${EPIC_KWOK_VERSION:-v0.8.0}
HELM_VERSION=${EPIC_HELM_VERSION:-v4.3.1}

# Ports: away from the usual defaults so a developer's own etcd/Kafka/Redis keep theirs.
ETCD_PORT=${EPIC_ETCD_PORT:-12379}
ETCD_PEER_PORT=${EPIC_ETCD_PEER_PORT:-12380}
APISERVER_PORT=${EPIC_APISERVER_PORT:-16443}
KAFKA_PORT=${EPIC_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${EPIC_KAFKA_CONTROLLER_PORT:-19093}
REDIS_PORT=${EPIC_REDIS_PORT:-16379}
KCM_PORT=${EPIC_KCM_PORT:-10257}
SCHEDULER_PORT=${EPIC_SCHEDULER_PORT:-10259}
KWOK_PORT=${EPIC_KWOK_PORT:-10247}

K8S_BIN="$CACHE/k8s-$K8S_VERSION/bin"
KUBECONFIG_FILE="$STATE/kubeconfig"

mkdir -p "$STATE/logs" "$STATE/pids" "$CACHE"

say() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# pid of a service we started, if it is still alive
pid_of() {
  local f="$STATE/pids/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid=$(<"$f")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

is_running() { pid_of "$1" >/dev/null; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_bg NAME PORT CMD...: runs CMD detached (own session, survives this shell),
# logs to .stack/logs/NAME.log. Refuses when PORT is taken by something that is not ours.
start_bg() {
  local name=$1 port=$2; shift 2
  if is_running "$name"; then say "$name already running (pid $(pid_of "$name"))"; return 0; fi
  if [[ -n "$port" ]] && port_in_use "$port"; then
    die "port $port (for $name) is in use by another process; stop it, or choose another port with the EPIC_*_PORT variables (see tools/stack/README.md)"
  fi
  # A fresh log per start, so readiness checks never read an earlier run's lines.
  [[ -f "$STATE/logs/$name.log" ]] && mv -f "$STATE/logs/$name.log" "$STATE/logs/$name.prev.log"
  # 9>&-: the stack lock must not be inherited, or it would be held as long as the service runs.
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null 9>&- &
  echo $! > "$STATE/pids/$name.pid"
  say "$name started (pid $!, log .stack/logs/$name.log)"
}

# wait_until NAME SECONDS CHECK...: polls CHECK twice a second; fails with the log's tail.
wait_until() {
  local name=$1 limit=$2 waited=0; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if ! is_running "$name"; then
      tail -n 30 "$STATE/logs/$name.log" >&2 || true
      die "$name exited during start-up (log above, full log in .stack/logs/$name.log)"
    fi
    if (( $(date +%s) >= deadline )); then
      tail -n 30 "$STATE/logs/$name.log" >&2 || true
      die "$name not ready after ${limit}s (log above)"
    fi
    sleep 0.5; waited=$((waited + 1))
    (( waited % 20 == 0 )) && say "... waiting for $name ($((waited / 2))s)"
  done
  say "$name ready"
}

# stop_bg NAME: TERM, then KILL after 15 s; the whole process group, so children go too.
stop_bg() {
  local name=$1 pid i
  pid=$(pid_of "$name") || { rm -f "$STATE/pids/$name.pid"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop on TERM; killing"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/pids/$name.pid"
  say "$name stopped"
}

# Debian packages on demand (root only); one apt-get update per run.
_apt_updated=
apt_install() {
  command -v apt-get >/dev/null || die "need the Debian package(s) $*, and apt-get is not available: install them by hand"
  [[ $(id -u) -eq 0 ]] || die "need the Debian package(s) $*: run 'sudo apt-get install -y $*' once"
  if [[ -z "$_apt_updated" ]]; then
    say "apt-get update"
    apt-get update -qq >>"$STATE/logs/apt.log" 2>&1 || { tail -n 20 "$STATE/logs/apt.log" >&2; die "apt-get update failed (log above)"; }
    _apt_updated=1
  fi
  say "apt-get install $* (log .stack/logs/apt.log)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$STATE/logs/apt.log" 2>&1 \
    || { tail -n 20 "$STATE/logs/apt.log" >&2; die "apt-get install $* failed (log above)"; }
}

need_go() {
  command -v go >/dev/null || die "the Go toolchain (>= 1.25) is needed to build Kubernetes and etcd from the Go module proxy; put 'go' on PATH"
}

# A Go command built once with `go install` into $CACHE/<name>-<version>/bin (a no-op when it
# is there): go_install_cached <name> <version> <package path> "<cold time>".
go_install_cached() {
  local name=$1 version=$2 pkg=$3 cold=$4
  [[ -x "$CACHE/$name-$version/bin/$name" ]] && return 0
  need_go
  local start; start=$(date +%s)
  say "building $name $version from the Go module proxy (cold: $cold)"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$CACHE/$name-$version/bin" \
    go install -trimpath -ldflags "-s -w" "$pkg@$version" >&2 \
    || die "building $name $version failed (output above)"
  say "$name built in $(( $(date +%s) - start ))s"
}
