#!/usr/bin/env bash
# Builds kube-apiserver and kubectl (and, with --full, kube-controller-manager and
# kube-scheduler) from the Go module proxy at a pinned Kubernetes version.
# Kubernetes publishes no module that `go install` can build directly (its go.mod
# replaces the staging modules with relative paths), so we build from a throwaway
# module that requires k8s.io/kubernetes and maps every staging module to its
# published v0.x twin. Results are cached by version under $EPIC_STACK_CACHE.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

K8S=$K8S_VERSION
WANT=(kube-apiserver kubectl)
[[ "${1:-}" == "--full" ]] && WANT+=(kube-controller-manager kube-scheduler)

W="$CACHE/k8s-$K8S"
missing=()
for b in "${WANT[@]}"; do [[ -x "$W/bin/$b" ]] || missing+=("$b"); done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "[k8s] $K8S cached in $W/bin (${WANT[*]})"
  exit 0
fi

need_go

STG="v0.${K8S#v1.}"
MINOR=$(echo "$K8S" | cut -d. -f2)
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
mkdir -p "$W/src" "$W/bin"
cd "$W/src"
[[ -f go.mod ]] || go mod init local/k8sbuild >/dev/null 2>&1

echo "[k8s] resolving k8s.io/kubernetes@$K8S and its staging modules (first time: downloads ~1 GB)"
KMOD=$(go mod download -json "k8s.io/kubernetes@$K8S" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
[[ -f "$KMOD" ]] || { echo "[k8s] ERROR: could not download k8s.io/kubernetes@$K8S from the Go module proxy" >&2; exit 1; }
for m in $(sed -n 's#^[[:space:]]*\(k8s\.io/[^ ]*\) => \./staging/src/.*#\1#p' "$KMOD"); do
  go mod edit -replace="$m=$m@$STG"
done
go mod edit -require="k8s.io/kubernetes@$K8S" -go="$(sed -n 's/^go //p' "$KMOD")"
sed -n 's/^godebug \([^(].*\)$/\1/p' "$KMOD" | while read -r kv; do go mod edit -godebug="$kv"; done

pkgs=()
{
  printf '//go:build tools\n\npackage tools\n\nimport (\n'
  for b in kube-apiserver kubectl kube-controller-manager kube-scheduler; do
    printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$b"
  done
  printf ')\n'
} > tools.go
for b in "${missing[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done

echo "[k8s] go mod tidy"
go mod tidy

LDF="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDF="$LDF -X $p.gitVersion=$K8S -X $p.gitMajor=1 -X $p.gitMinor=$MINOR -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

start=$(date +%s)
echo "[k8s] compiling ${missing[*]} (cold: 10-30 min on 2 cores; progress every 30 s)"
( while sleep 30; do echo "[k8s] ... still compiling ($(( $(date +%s) - start ))s)"; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
go build -trimpath -pgo=off -ldflags "$LDF" -o "$W/bin/" "${pkgs[@]}"
echo "[k8s] built ${missing[*]} in $(( $(date +%s) - start ))s -> $W/bin"
