#!/usr/bin/env bash
# Redis for BullMQ, from Debian's redis-server. BullMQ needs maxmemory-policy
# noeviction (a queue must never lose keys to eviction); we say so explicitly.
# Sourced by stack.sh.

redis_install() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  apt_install redis-server redis-tools
}

redis_ready() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

redis_start() {
  redis_install
  mkdir -p "$STATE/data/redis"
  start_bg redis "$REDIS_PORT" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE/data/redis" \
    --save '' --appendonly no --daemonize no --maxmemory-policy noeviction --protected-mode yes
  wait_until redis 30 redis_ready
}

redis_status() {
  if is_running redis && redis_ready; then echo "redis          up    redis://127.0.0.1:$REDIS_PORT ($(redis-server --version | grep -o 'v=[0-9.]*'))"; else echo "redis          down"; return 1; fi
}
