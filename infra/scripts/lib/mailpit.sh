# shellcheck shell=bash
# Mailpit: the SMTP server the services send to, with an HTTP API that tests
# read the mail back from. Sourced by servers.sh.

MAILPIT_VERSION=v1.33.1
MAILPIT_MODULE=github.com/axllent/mailpit
MAILPIT_BIN="$CACHE_BIN/mailpit"
MAILPIT_DATA="$DATA_ROOT/mailpit"
# Mailpit prunes beyond this many messages (its default, 500, is easily
# exceeded by one benchmark run, and tests then miss their mail).
MAILPIT_MAX_MESSAGES="${MAILPIT_MAX_MESSAGES:-5000}"
MAILPIT_START_TIMEOUT="${MAILPIT_START_TIMEOUT:-30}"

mailpit_exe() { echo mailpit; }
mailpit_marker() { echo "$MAILPIT_DATA/mailpit.db"; }
mailpit_ports() { echo "$SMTP_PORT $MAILPIT_HTTP_PORT"; }
mailpit_addr() { echo "smtp $BIND_HOST:$SMTP_PORT, http://$BIND_HOST:$MAILPIT_HTTP_PORT"; }
mailpit_timeout() { echo "$MAILPIT_START_TIMEOUT"; }

mailpit_health() {
  local info
  # /api/v1/info reads the database, so it proves more than /livez.
  if ! info="$(curl -fsS --max-time 3 "http://$BIND_HOST:$MAILPIT_HTTP_PORT/api/v1/info" 2>&1)"; then
    PROBE_OUT="HTTP API: $info"
    return 1
  fi
  probe smtp "$SMTP_PORT" || return 1
  PROBE_OUT="API $(printf '%s' "$info" | grep -o '"Version":"[^"]*"' | head -1), SMTP: $PROBE_OUT"
}

mailpit_stamp() { echo "$MAILPIT_VERSION/ldflags-1"; }

mailpit_provisioned() {
  [ -x "$MAILPIT_BIN" ] && [ "$(cat "$MAILPIT_BIN.stamp" 2>/dev/null)" = "$(mailpit_stamp)" ]
}

mailpit_provision() {
  if mailpit_provisioned; then
    say "mailpit: $MAILPIT_VERSION cached at $MAILPIT_BIN"
    return
  fi
  local go start
  go="$(find_go Mailpit)"
  start="$(now_ms)"
  say "mailpit: go install $MAILPIT_MODULE@$MAILPIT_VERSION into $CACHE_BIN (first time: a few minutes)"
  mkdir -p "$CACHE_BIN"
  # Without the -X flag the binary reports version "dev" (upstream sets it
  # in its release build).
  (cd "$HOMEWARD_CACHE" && GOWORK=off GOFLAGS=-buildvcs=false GOBIN="$CACHE_BIN" "$go" install \
    -ldflags "-X $MAILPIT_MODULE/config.Version=$MAILPIT_VERSION" \
    "$MAILPIT_MODULE@$MAILPIT_VERSION") || die "mailpit: go install failed"
  mailpit_stamp >"$MAILPIT_BIN.stamp"
  say "mailpit: built in $(elapsed_s "$start")s"
}

mailpit_prepare() { mkdir -p "$MAILPIT_DATA"; }

mailpit_start() {
  # --smtp-auth-accept-any: clients configured with or without credentials
  # both get through. --disable-version-check and --smtp-disable-rdns keep
  # it off the network (the version check runs inside /api/v1/info and
  # would stall the health check on an offline machine).
  start_detached mailpit "$MAILPIT_BIN" \
    --smtp "$BIND_HOST:$SMTP_PORT" \
    --listen "$BIND_HOST:$MAILPIT_HTTP_PORT" \
    --database "$MAILPIT_DATA/mailpit.db" \
    --max "$MAILPIT_MAX_MESSAGES" \
    --smtp-auth-accept-any \
    --smtp-auth-allow-insecure \
    --smtp-disable-rdns \
    --disable-version-check
}

mailpit_reset() { rm -rf "$MAILPIT_DATA"; }
