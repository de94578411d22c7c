#!/usr/bin/env bash
# Real local servers for development and tests, without Docker: Kafka
# (KRaft), SecantusDB (MongoDB wire protocol, WiredTiger) and Mailpit (SMTP + API),
# all bound to 127.0.0.1. See usage() and DESIGN.md "Local infrastructure".
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
. "$SCRIPT_DIR/lib/common.sh"
# shellcheck source=lib/kafka.sh
. "$SCRIPT_DIR/lib/kafka.sh"
# shellcheck source=lib/secantus.sh
. "$SCRIPT_DIR/lib/secantus.sh"
# shellcheck source=lib/mailpit.sh
. "$SCRIPT_DIR/lib/mailpit.sh"

usage() {
  cat <<EOF
usage: ${0##*/} <command> [server...]

servers: kafka, mongo (SecantusDB; aliases secantus, mongodb), mailpit; default: all

  provision [server...]   fetch/build what is missing into \$HOMEWARD_CACHE
  up [server...]          provision, start what is not running, wait until healthy
  down [server...]        stop (SIGTERM, then SIGKILL after ${STOP_TIMEOUT}s)
  status [server...]      one line per server; exit 0 if all healthy, else 3
  reset [server...]       down, then delete data (clean slate)
  kill <server...>        SIGKILL (crash simulation; data is kept)
  start <server...>       start again after kill (same as up)
  env                     print connection settings as shell assignments
  locate                  provision Kafka and SecantusDB if needed and print where
                          they are (JAVA, KAFKA_CLASSPATH, SECANTUS_BIN) as shell
                          assignments, for tests that run servers of their own
  kafka-run <class> [args...]
                          run a Kafka tool class with the broker's classpath,
                          e.g. org.apache.kafka.tools.TopicCommand --list
                          --bootstrap-server 127.0.0.1:$KAFKA_PORT

environment (defaults): KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093
  MONGO_PORT=27017 SMTP_PORT=1025 MAILPIT_HTTP_PORT=8025
  HOMEWARD_CACHE=\$HOME/.cache/homeward HOMEWARD_RUN_DIR=<repo>/.run
  KAFKA_NUM_PARTITIONS=3 KAFKA_HEAP_OPTS="-Xms256m -Xmx1g"
  KAFKA_START_TIMEOUT=90 MONGO_START_TIMEOUT=60 MAILPIT_START_TIMEOUT=30
  HOMEWARD_STOP_TIMEOUT=30 SECANTUS_CACHE_SIZE=1G MAILPIT_MAX_MESSAGES=5000
EOF
}

# Sets SERVERS to the canonical names given (all when none). Not a $(...)
# helper: die() inside a command substitution would only end the subshell.
servers_from_args() {
  SERVERS=()
  if [ "$#" -eq 0 ]; then
    SERVERS=("${ALL_SERVERS[@]}")
    return
  fi
  local s
  for s in "$@"; do
    case "$s" in
      kafka | mongo | secantus | mongodb | mailpit | smtp) SERVERS+=("$(canonical_name "$s")") ;;
      *) die "unknown server '$s' (expected: ${ALL_SERVERS[*]})" ;;
    esac
  done
}

lock_run_dir() { take_lock 9 "$HOMEWARD_RUN_DIR/.lock" "run dir"; }
lock_cache() { mkdir -p "$HOMEWARD_CACHE"; take_lock 8 "$HOMEWARD_CACHE/.lock" cache; }

cmd_provision() {
  lock_cache
  local s
  for s in "$@"; do "${s}_provision"; done
}

cmd_up() {
  local s missing=() to_wait=() failed=0 pid
  for s in "$@"; do "${s}_provisioned" || missing+=("$s"); done
  if [ "${#missing[@]}" -gt 0 ]; then cmd_provision "${missing[@]}"; fi
  lock_run_dir
  # Start everything first, then wait: the servers boot in parallel.
  for s in "$@"; do
    pid="$(server_pid "$s")"
    if [ -n "$pid" ]; then
      if "${s}_health"; then
        say "$s already running (pid $pid, $("${s}_addr"))"
      else
        # Possibly still booting from an earlier `up`/`start`: wait for it.
        to_wait+=("$s=$(now_ms)")
      fi
      continue
    fi
    local port
    for port in $("${s}_ports"); do
      if port_in_use "$port"; then
        say "$s: port $BIND_HOST:$port is already taken by another process: $(port_owner "$port")"
        say "  stop it, or choose other ports (see: ${0##*/} --help)"
        failed=1
        continue 2
      fi
    done
    local t0
    t0="$(now_ms)"
    "${s}_prepare"
    "${s}_start"
    say "$s starting (pid $(cat "$(pid_file "$s")"), log $(log_file "$s"))"
    to_wait+=("$s=$t0")
  done
  if [ "${#to_wait[@]}" -gt 0 ]; then
    wait_healthy "${to_wait[@]}" || failed=1
  fi
  return "$failed"
}

cmd_down() {
  lock_run_dir
  stop_servers TERM "$@"
}

cmd_kill() {
  lock_run_dir
  stop_servers KILL "$@"
}

cmd_status() {
  local s pid rc=0 state note port
  for s in "$@"; do
    pid="$(server_pid "$s")"
    note=""
    if [ -z "$pid" ]; then
      state=stopped; rc=3; pid=-
      # Another clone's servers (or anything else) on our ports would make
      # `up` fail: say so here already.
      for port in $("${s}_ports"); do
        port_in_use "$port" && note="$note [port $port taken by another process]"
      done
    elif "${s}_health" 2>/dev/null; then
      state=running
    else
      state=unhealthy; rc=3
    fi
    printf '%-8s %-9s pid %-7s %s%s\n' "$s" "$state" "$pid" "$("${s}_addr")" "$note"
  done
  return "$rc"
}

cmd_reset() {
  cmd_down "$@"
  local s
  for s in "$@"; do
    "${s}_reset"
    say "$s data deleted"
  done
}

cmd_env() {
  cat <<EOF
KAFKA_BROKERS=$BIND_HOST:$KAFKA_PORT
MONGO_URL=mongodb://$BIND_HOST:$MONGO_PORT/?directConnection=true
SMTP_HOST=$BIND_HOST
SMTP_PORT=$SMTP_PORT
MAILPIT_API_URL=http://$BIND_HOST:$MAILPIT_HTTP_PORT/api/v1
EOF
}

# Tests that need a server configured differently from the shared one (a
# TLS/SASL broker on ports of their own) start it from the same installation.
cmd_locate() {
  if ! kafka_provisioned || ! mongo_provisioned; then cmd_provision kafka mongo; fi
  cat <<EOF
JAVA=$(java_bin)
KAFKA_CLASSPATH=$KAFKA_LIBS/*
SECANTUS_BIN=$SECANTUS_BIN
EOF
}

main() {
  local cmd="${1:-}"
  [ "$#" -gt 0 ] && shift
  case "$cmd" in
    start | kill) [ "$#" -gt 0 ] || die "$cmd needs a server name" ;;
  esac
  case "$cmd" in
    provision | up | start | down | status | reset | kill) servers_from_args "$@" ;;
  esac
  case "$cmd" in
    provision) cmd_provision "${SERVERS[@]}" ;;
    up | start) cmd_up "${SERVERS[@]}" ;;
    down) cmd_down "${SERVERS[@]}" ;;
    status) cmd_status "${SERVERS[@]}" ;;
    reset) cmd_reset "${SERVERS[@]}" ;;
    kill) cmd_kill "${SERVERS[@]}" ;;
    env) cmd_env ;;
    locate) cmd_locate ;;
    kafka-run)
      [ "$#" -eq 0 ] && die "kafka-run needs a main class"
      kafka_provisioned || cmd_provision kafka
      kafka_java "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
