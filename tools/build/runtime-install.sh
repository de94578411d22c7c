#!/usr/bin/env bash
# Lays out what the container image's runtime stage holds, outside the
# repository (so nothing resolves from its node_modules): the root
# package.json and lock, `npm ci --omit=dev` (no tsx, no Nx, no jest), and
# dist/ from `npm run build`. The installed dependencies are kept while the
# lock is unchanged. Prints the directory.
#
#   tools/build/runtime-install.sh [dir]     (default: $TMPDIR/homeward-runtime-<hash of the repository's path>)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
# One directory per clone: two clones on one machine must not run each other's build.
dir="${1:-${TMPDIR:-/tmp}/homeward-runtime-$(printf '%s' "$repo" | sha256sum | cut -c1-8)}"
case "$dir" in "$repo"/*) echo "runtime-install: $dir is inside the repository; its node_modules would leak in" >&2; exit 2 ;; esac
[ -d "$repo/dist/apps" ] || { echo "runtime-install: no $repo/dist/apps; run npm run build first" >&2; exit 2; }
mkdir -p "$dir"
stamp="$(sha256sum "$repo/package-lock.json" | cut -c1-16)"
if [ "$(cat "$dir/.deps-stamp" 2>/dev/null)" != "$stamp" ]; then
  cp "$repo/package.json" "$repo/package-lock.json" "$dir/"
  rm -rf "$dir/node_modules"
  echo "runtime-install: npm ci --omit=dev in $dir" >&2
  (cd "$dir" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  echo "$stamp" >"$dir/.deps-stamp"
fi
rm -rf "$dir/dist"
cp -a "$repo/dist" "$dir/dist"
echo "$dir"
