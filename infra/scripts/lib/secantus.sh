# shellcheck shell=bash
# SecantusDB: the MongoDB-wire server ("mongo") for development and tests, a
# single-node server on WiredTiger, MongoDB's own storage engine. Sourced by
# servers.sh. Beta software under GPL-2.0: run as a separate process, never
# linked into or shipped with Homeward (production runs MongoDB 7+).

SECANTUS_CRATE=secantus-mdb
SECANTUS_VERSION=0.5.3-beta.196
SECANTUS_ROOT="$HOMEWARD_CACHE/secantus/$SECANTUS_VERSION"
SECANTUS_BIN="$SECANTUS_ROOT/bin/secantusd-rs"
MONGO_DATA="$DATA_ROOT/mongo"
MONGO_START_TIMEOUT="${MONGO_START_TIMEOUT:-60}"
# WiredTiger's cache; the server's default (4G) is more than a shared
# development machine should give one test database.
SECANTUS_CACHE_SIZE="${SECANTUS_CACHE_SIZE:-1G}"

mongo_exe() { echo secantusd-rs; }
mongo_marker() { echo "$MONGO_DATA/wt"; }
mongo_ports() { echo "$MONGO_PORT"; }
mongo_addr() { echo "$BIND_HOST:$MONGO_PORT (SecantusDB $SECANTUS_VERSION, WiredTiger)"; }
mongo_timeout() { echo "$MONGO_START_TIMEOUT"; }
mongo_health() { probe mongo "$MONGO_PORT"; }

# Bump the suffix when the build recipe changes, to force a rebuild.
secantus_stamp() { echo "$SECANTUS_CRATE/$SECANTUS_VERSION/locked-1"; }

mongo_provisioned() {
  [ -x "$SECANTUS_BIN" ] && [ "$(cat "$SECANTUS_BIN.stamp" 2>/dev/null)" = "$(secantus_stamp)" ]
}

# Built once from the Rust crate registry (about 15 minutes on two busy
# cores: WiredTiger is compiled from its bundled C sources, so CMake and a C
# compiler are needed). The crate declares a newer Rust than the machines
# have; it builds on theirs, hence --ignore-rust-version.
mongo_provision() {
  if mongo_provisioned; then
    say "mongo: SecantusDB $SECANTUS_VERSION cached at $SECANTUS_BIN"
    return
  fi
  command -v cargo >/dev/null 2>&1 || [ -x "$HOME/.cargo/bin/cargo" ] || die "mongo: cargo (Rust) is required to build SecantusDB"
  command -v cmake >/dev/null 2>&1 || die "mongo: cmake is required to build SecantusDB's WiredTiger (apt-get install cmake)"
  local cargo start
  cargo="$(command -v cargo || echo "$HOME/.cargo/bin/cargo")"
  start="$(now_ms)"
  say "mongo: building SecantusDB $SECANTUS_VERSION into $SECANTUS_ROOT (first time: about 15 minutes)"
  "$cargo" install "$SECANTUS_CRATE" --version "$SECANTUS_VERSION" --locked --ignore-rust-version \
    --root "$SECANTUS_ROOT" >&2 || die "mongo: cargo install $SECANTUS_CRATE $SECANTUS_VERSION failed"
  "$SECANTUS_BIN" --version >/dev/null 2>&1 || die "mongo: the built $SECANTUS_BIN does not run"
  secantus_stamp >"$SECANTUS_BIN.stamp"
  say "mongo: SecantusDB built in $(elapsed_s "$start")s"
}

mongo_prepare() { mkdir -p "$MONGO_DATA/wt"; }

# --sync-on-commit: without it the server acknowledges writes (j: true too)
# before WiredTiger's log reaches the disk, and a SIGKILL right after loses
# them (0 of 212 survived; with the flag 212 of 212; see libs/persistence's
# durability test). The server advertises a one-member replica set named
# `secantus`: connect with a plain URL or directConnection=true.
mongo_start() {
  start_detached mongo "$SECANTUS_BIN" \
    --host "$BIND_HOST" \
    --port "$MONGO_PORT" \
    --storage-path "$MONGO_DATA/wt" \
    --cache-size "$SECANTUS_CACHE_SIZE" \
    --sync-on-commit \
    --log-level WARNING
}

mongo_reset() { rm -rf "$MONGO_DATA"; }
