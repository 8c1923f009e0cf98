# Sourced by deploy/check-recovery.sh and deploy/check-failover.sh (set SCRIPT to the caller's name first): a scratch
# directory, the processes the caller starts (killed on exit, apps before the broker), and an embedded broker with the
# pipeline's topics, all through the credence CLI.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CREDENCE="$ROOT/credence"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/credence-$SCRIPT-XXXXXX")"
PIDS=()
cleanup() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "$SCRIPT: $*" >&2; exit 1; }

wait_for() { # FILE TEXT SECONDS: until FILE contains TEXT
  local start=$SECONDS
  until grep -q "$2" "$1" 2>/dev/null; do
    ((SECONDS - start < $3)) || { tail -n 20 "$1" >&2; fail "$(basename "$1" .log) not ready within $3 s"; }
    sleep 0.2
  done
}

url_of() { sed -n -E 's/.*HTTP at (http:[^ ]+)\..*/\1/p' "$1" | head -n 1; } # LOG: an app's HTTP address

start_broker() { # [topics options]: builds the CLI if needed, starts a broker, creates the topics; sets BOOTSTRAP
  "$CREDENCE" --version >/dev/null
  "$CREDENCE" broker --port 0 >"$WORK/broker.log" 2>&1 &
  PIDS+=($!)
  wait_for "$WORK/broker.log" "Kafka broker ready at" 120
  BOOTSTRAP="$(sed -n -E 's/.*Kafka broker ready at ([^ ]+) .*/\1/p' "$WORK/broker.log" | head -n 1)"
  "$CREDENCE" topics --bootstrap "$BOOTSTRAP" "$@" >/dev/null
}
