#!/usr/bin/env bash
# The local stack without Docker: etcd + kube-apiserver (+ kubectl), Kafka (KRaft) and
# Redis, all on 127.0.0.1; with `--profile full` also kube-controller-manager,
# kube-scheduler and KWOK fake nodes (and the helm client). Everything missing is built or installed once
# and cached by version in $EPIC_STACK_CACHE (default ~/.cache/epic-stack).
#
#   stack.sh up [--profile core|full]   start what is not running (idempotent)
#   stack.sh down [--purge]             stop everything; --purge also drops data and PKI
#   stack.sh status                     one line per service; exit 1 when any is down
#   stack.sh env                        shell exports: eval "$(npm run -s stack:env)"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for part in etcd apiserver kafka redis kwok helm; do source "$STACK_TOOLS/$part.sh"; done

PROFILE_FILE="$STATE/profile"
CORE_SERVICES=(etcd kube-apiserver kafka redis)
FULL_SERVICES=(kube-controller-manager kube-scheduler kwok)

usage() { sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 2; }

# Concurrent `up`s (parallel test projects each ensure the stack) must not race.
with_lock() {
  exec 9>"$STATE/.lock"
  flock -w 3600 9 || die "could not take the stack lock $STATE/.lock"
}

cmd_up() {
  PROFILE=core
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --profile) PROFILE=${2:-}; shift 2 ;;
      --profile=*) PROFILE=${1#*=}; shift ;;
      *) usage ;;
    esac
  done
  [[ "$PROFILE" == core || "$PROFILE" == full ]] || die "unknown profile '$PROFILE' (core or full)"
  # An earlier `up --profile full` stays full until `down`.
  [[ -f "$PROFILE_FILE" && "$(<"$PROFILE_FILE")" == full ]] && PROFILE=full
  with_lock
  local t0; t0=$(date +%s)
  say "bringing the stack up (profile $PROFILE; state in ${STATE#"$REPO_ROOT"/}, cache in $CACHE)"
  # Install/build first: the long part, and nothing is half-started if it fails.
  apiserver_install; etcd_install; kafka_install; redis_install
  [[ "$PROFILE" == full ]] && kwok_install && helm_install
  echo "$PROFILE" > "$PROFILE_FILE"
  etcd_start
  apiserver_start
  kafka_start
  redis_start
  [[ "$PROFILE" == full ]] && kwok_start
  write_env
  say "stack up in $(( $(date +%s) - t0 ))s; use it with: eval \"\$(npm run -s stack:env)\""
}

cmd_down() {
  local purge=
  [[ "${1:-}" == --purge ]] && purge=1
  with_lock
  local s
  for s in kwok kube-scheduler kube-controller-manager redis kafka kube-apiserver etcd; do stop_bg "$s"; done
  rm -f "$PROFILE_FILE"
  if [[ -n "$purge" ]]; then
    rm -rf "$STATE/data" "$STATE/pki" "$STATE/kafka" "$KUBECONFIG_FILE" "$STATE/env"
    say "purged data and PKI in ${STATE#"$REPO_ROOT"/}"
  fi
}

cmd_status() {
  local rc=0
  etcd_status || rc=1
  apiserver_status || rc=1
  kafka_status || rc=1
  redis_status || rc=1
  if [[ -f "$PROFILE_FILE" && "$(<"$PROFILE_FILE")" == full ]]; then kwok_status || rc=1; fi
  return $rc
}

# The environment every client reads: tests, apps, kubectl.
write_env() {
  mkdir -p "$STATE/bin"
  ln -sf "$K8S_BIN/kubectl" "$STATE/bin/kubectl"
  if [[ -x "$HELM_BIN" ]]; then ln -sf "$HELM_BIN" "$STATE/bin/helm"; fi
  cat > "$STATE/env" <<ENV
export KUBECONFIG='$KUBECONFIG_FILE'
export PATH='$STATE/bin':"\$PATH"
export EPIC_KAFKA_BROKERS='127.0.0.1:$KAFKA_PORT'
export EPIC_REDIS_URL='redis://127.0.0.1:$REDIS_PORT'
export EPIC_ETCD_ENDPOINT='http://127.0.0.1:$ETCD_PORT'
export EPIC_STACK_PROFILE='$(<"$PROFILE_FILE")'
ENV
}

cmd_env() {
  [[ -f "$STATE/env" ]] || die "the stack has not been started in this checkout; run: npm run stack:up"
  cat "$STATE/env"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) shift; cmd_status ;;
  env) shift; cmd_env ;;
  *) usage ;;
esac
