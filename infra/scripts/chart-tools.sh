#!/usr/bin/env bash
# Helm and a manifest linter for the chart's checks (infra/helm/homeward),
# built from their Go modules once and cached like the servers' binaries:
# no binary downloads are needed, only the Go module proxy.
#
#   infra/scripts/chart-tools.sh provision   build what is missing (minutes the first time)
#   infra/scripts/chart-tools.sh locate      print HELM=… KUBE_SCORE=… as shell assignments
set -euo pipefail
HELM_VERSION=v3.22.1
HELM_MODULE=helm.sh/helm/v3
KUBE_SCORE_VERSION=v1.20.0
KUBE_SCORE_MODULE=github.com/zegl/kube-score
HOMEWARD_CACHE="${HOMEWARD_CACHE:-$HOME/.cache/homeward}"
CACHE_BIN="$HOMEWARD_CACHE/bin"

say() { printf '[chart-tools] %s\n' "$*" >&2; }
die() { printf '[chart-tools] ERROR: %s\n' "$*" >&2; exit 1; }

find_go() {
  command -v go 2>/dev/null || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || die "Go is required to build Helm and kube-score (https://go.dev/dl/)"
}

# name module version package ldflags
build() {
  local name="$1" module="$2" version="$3" package="$4" ldflags="$5" bin="$CACHE_BIN/$1" stamp="$2@$3"
  if [ -x "$bin" ] && [ "$(cat "$bin.stamp" 2>/dev/null)" = "$stamp" ]; then
    say "$name: $version cached at $bin"
    return
  fi
  local go start
  go="$(find_go)"
  start=$(date +%s)
  mkdir -p "$CACHE_BIN"
  say "$name: go install $package@$version into $CACHE_BIN (first time: several minutes)"
  # One build at a time per cache: two test runs must not write the same binary.
  exec 9>"$CACHE_BIN/.$name.lock"
  flock -w 1800 9 || die "$name: could not take the build lock"
  if [ "$(cat "$bin.stamp" 2>/dev/null)" != "$stamp" ]; then
    (cd "$HOMEWARD_CACHE" && GOWORK=off GOFLAGS=-buildvcs=false GOBIN="$CACHE_BIN" "$go" install -ldflags "$ldflags" "$package@$version") || die "$name: go install failed"
    echo "$stamp" >"$bin.stamp"
  fi
  exec 9>&-
  say "$name: built in $(($(date +%s) - start)) s"
}

provision() {
  # Without -X, `helm version` says v3.x-dev and Chart.yaml's kubeVersion checks see a dev version.
  build helm "$HELM_MODULE" "$HELM_VERSION" "$HELM_MODULE/cmd/helm" "-X $HELM_MODULE/internal/version.version=$HELM_VERSION"
  build kube-score "$KUBE_SCORE_MODULE" "$KUBE_SCORE_VERSION" "$KUBE_SCORE_MODULE/cmd/kube-score" ""
}

case "${1:-}" in
  provision) provision ;;
  locate)
    provision
    printf 'HELM=%q\nKUBE_SCORE=%q\n' "$CACHE_BIN/helm" "$CACHE_BIN/kube-score"
    ;;
  -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "usage: chart-tools.sh provision|locate (got '${1:-}')" ;;
esac
