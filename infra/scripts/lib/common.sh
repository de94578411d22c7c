# shellcheck shell=bash
# Shared plumbing for servers.sh: settings, logging, process bookkeeping.
# Sourced, never executed.

INFRA_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${MONGO_PORT:-27017}"
SMTP_PORT="${SMTP_PORT:-1025}"
MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-8025}"
# Loopback only: these servers run without authentication.
BIND_HOST=127.0.0.1

# The cache outlives clones and `reset`; the run dir belongs to one clone.
HOMEWARD_CACHE="${HOMEWARD_CACHE:-$HOME/.cache/homeward}"
HOMEWARD_RUN_DIR="${HOMEWARD_RUN_DIR:-$REPO_ROOT/.run}"
LOG_DIR="$HOMEWARD_RUN_DIR/logs"
PID_DIR="$HOMEWARD_RUN_DIR/pids"
DATA_ROOT="$HOMEWARD_RUN_DIR/data"
CACHE_BIN="$HOMEWARD_CACHE/bin"

STOP_TIMEOUT="${HOMEWARD_STOP_TIMEOUT:-30}"
LOG_ROTATE_BYTES=$((50 * 1024 * 1024))

ALL_SERVERS=(kafka mongo mailpit)

say() { printf '[servers] %s\n' "$*" >&2; }
die() { printf '[servers] ERROR: %s\n' "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }
elapsed_s() { # start_ms -> "1.234"
  local d=$(($(now_ms) - $1))
  printf '%d.%03d' $((d / 1000)) $((d % 1000))
}

canonical_name() {
  case "$1" in
    kafka) echo kafka ;;
    mongo | secantus | mongodb) echo mongo ;;
    mailpit | smtp) echo mailpit ;;
    *) die "unknown server '$1' (expected: ${ALL_SERVERS[*]})" ;;
  esac
}

# Holds an exclusive lock on FILE through fd N for the rest of the process,
# so parallel test runners calling `up` do not start two brokers at once.
# Children started by start_detached close these fds, or a long-lived server
# would keep the lock forever.
take_lock() { # fd file what
  local fd="$1" file="$2" what="$3"
  mkdir -p "$(dirname "$file")"
  eval "exec $fd>\"\$file\""
  if ! flock -n "$fd"; then
    say "waiting for another servers.sh ($what lock $file)"
    flock -w 900 "$fd" || die "could not take the $what lock $file"
  fi
}

find_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [ -x /usr/local/go/bin/go ]; then
    echo /usr/local/go/bin/go
  else
    die "Go is required to build ${1:-the Go servers} (https://go.dev/dl/)"
  fi
}

# ------------------------------------------------------------ probes ----

probe() { # kind port -> 0 when ready; reason in $PROBE_OUT
  local kind="$1" port="$2"
  if command -v python3 >/dev/null 2>&1; then
    PROBE_OUT="$(python3 "$SCRIPT_DIR/lib/probe.py" "$kind" "$BIND_HOST" "$port" 2>&1)"
  else
    # Weaker fallback: a listening socket only.
    if (exec 3<>"/dev/tcp/$BIND_HOST/$port") 2>/dev/null; then
      PROBE_OUT="port open (python3 missing: no protocol check)"
    else
      PROBE_OUT="port $port closed"
      return 1
    fi
  fi
}

port_in_use() { # port
  (exec 3<>"/dev/tcp/$BIND_HOST/$1") 2>/dev/null
}

port_owner() { # port -> best-effort description of who listens there
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:(\(.*\))/\1/p' | head -1
}

# --------------------------------------------------- process tracking ----

pid_file() { echo "$PID_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# A pid is ours only if the process is alive, runs the expected executable
# and its command line carries the server's marker (a path inside this run
# dir): pid files outlive reboots and pids get reused.
pid_matches() { # pid name
  local pid="$1" name="$2" exe
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || return 1
  [ "${exe##*/}" = "$("${name}_exe")" ] || return 1
  grep -qaF -- "$("${name}_marker")" "/proc/$pid/cmdline" 2>/dev/null
}

# Prints the live pid of server NAME, or nothing.
server_pid() { # name
  local name="$1" pid f
  pid="$(cat "$(pid_file "$name")" 2>/dev/null || true)"
  if pid_matches "$pid" "$name"; then
    echo "$pid"
    return
  fi
  # Pid file lost (reset during a crash, manual rm): find the process by its
  # marker, which names this clone's run dir and so matches nothing else.
  # shellcheck disable=SC2013 # /proc paths have no spaces
  for f in $(grep -laF -- "$("${name}_marker")" /proc/[0-9]*/cmdline 2>/dev/null); do
    pid="${f#/proc/}"
    pid="${pid%/cmdline}"
    if pid_matches "$pid" "$name"; then
      echo "$pid"
      return
    fi
  done
}

rotate_log() { # file
  local f="$1" size
  size="$(stat -c %s "$f" 2>/dev/null || echo 0)"
  if [ "$size" -gt "$LOG_ROTATE_BYTES" ]; then
    mv -f "$f" "$f.1"
  fi
}

# Starts "$@" detached in its own session, so that Ctrl-C in the calling
# terminal or the end of a CI step does not take the server down, and so
# that `down` can signal the whole process group. The pid written is the
# server's own (bash execs into it), not a wrapper's.
start_detached() { # name cmd...
  local name="$1"; shift
  local pidf log
  pidf="$(pid_file "$name")"
  log="$(log_file "$name")"
  mkdir -p "$PID_DIR" "$LOG_DIR"
  rm -f "$pidf"
  rotate_log "$log"
  printf '\n===== %s: servers.sh starting %s =====\n%s\n' \
    "$(date -u +%FT%TZ)" "$name" "$*" >>"$log"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" \
    >>"$log" 2>&1 </dev/null 8>&- 9>&- &
  local _
  for _ in $(seq 1 100); do
    [ -s "$pidf" ] && return 0
    sleep 0.05
  done
  die "$name did not record its pid in $pidf"
}

log_tail() { # name
  local log
  log="$(log_file "$1")"
  printf '[servers] ---- last 40 lines of %s ----\n' "$log" >&2
  tail -n 40 "$log" >&2 2>/dev/null || true
  printf '[servers] ----\n' >&2
}

# Polls all starting servers in one loop so each reports its own readiness
# time, and a crash of one is noticed while another is still booting.
wait_healthy() { # name=start_ms... ; returns 1 if any failed
  local -A start=()
  local pair name pid failed=0 now
  for pair in "$@"; do start["${pair%%=*}"]="${pair#*=}"; done
  while [ "${#start[@]}" -gt 0 ]; do
    for name in "${!start[@]}"; do
      pid="$(server_pid "$name")"
      if [ -z "$pid" ]; then
        say "$name exited during startup"
        log_tail "$name"
        failed=1
      elif "${name}_health"; then
        say "$name ready in $(elapsed_s "${start[$name]}")s (pid $pid, $("${name}_addr")): $PROBE_OUT"
      else
        now="$(now_ms)"
        if [ $((now - start[$name])) -lt $(("$("${name}_timeout")" * 1000)) ]; then
          continue
        fi
        say "$name not healthy after $("${name}_timeout")s: $PROBE_OUT"
        log_tail "$name"
        # A half-started server left behind would hold the ports and make
        # the next `up` wait on it again; the log keeps what went wrong.
        stop_servers TERM "$name"
        failed=1
      fi
      unset 'start[$name]'
    done
    [ "${#start[@]}" -gt 0 ] && sleep 0.25
  done
  return "$failed"
}

# Alive = exists and is not a zombie. Orphaned servers are reaped by
# whatever init the machine (or container) has, sometimes seconds later;
# a zombie has released its ports and files already.
alive() { # pid
  kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# Signals all named servers first and then waits, so a full `down` takes as
# long as the slowest server rather than the sum.
stop_servers() { # signal name...
  local sig="$1" name pid start deadline
  shift
  local -A pids=()
  start="$(now_ms)"
  for name in "$@"; do
    pid="$(server_pid "$name")"
    if [ -z "$pid" ]; then
      say "$name not running"
      rm -f "$(pid_file "$name")"
      continue
    fi
    pids[$name]="$pid"
    # Negative pid = the process group setsid created; plain pid as fallback.
    kill -s "$sig" -- "-$pid" 2>/dev/null || kill -s "$sig" "$pid" 2>/dev/null || true
  done
  deadline=$(($(now_ms) + STOP_TIMEOUT * 1000))
  local escalated=0 reaped=()
  while [ "${#pids[@]}" -gt 0 ]; do
    for name in "${!pids[@]}"; do
      pid="${pids[$name]}"
      if ! alive "$pid"; then
        rm -f "$(pid_file "$name")"
        say "$name stopped (pid $pid, SIG$sig, $(elapsed_s "$start")s)"
        unset 'pids[$name]'
        reaped+=("$pid")
      fi
    done
    [ "${#pids[@]}" -eq 0 ] && break
    if [ "$(now_ms)" -ge "$deadline" ]; then
      [ "$escalated" = 1 ] && die "still alive after SIGKILL: ${!pids[*]} (pids ${pids[*]})"
      for name in "${!pids[@]}"; do
        say "$name (pid ${pids[$name]}) still running ${STOP_TIMEOUT}s after SIG$sig: sending SIGKILL"
        kill -s KILL -- "-${pids[$name]}" 2>/dev/null || kill -s KILL "${pids[$name]}" 2>/dev/null || true
      done
      escalated=1
      deadline=$(($(now_ms) + 10000))
    fi
    sleep 0.1
  done
  # Give init a moment to reap the zombies, so that `down && pgrep …` right
  # after really shows nothing (some container inits reap lazily).
  for pid in "${reaped[@]}"; do
    deadline=$(($(now_ms) + 5000))
    while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
  done
}
