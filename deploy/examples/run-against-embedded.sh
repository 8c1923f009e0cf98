#!/usr/bin/env bash
# End-to-end check of an example client: starts an embedded Kafka broker, stream-trainer and stream-scorer through the
# credence CLI (three JVMs, free ports), runs COMMAND with BOOTSTRAP set to the broker and succeeds when it does.
# The clients' own scripts call it: node/run-against-embedded.sh, python/run-against-embedded.sh.
# With REGISTRY_URL set (a Confluent-compatible schema registry), the topics' schemas are registered there and both
# apps use the Confluent wire format (--serde-format registry); COMMAND sees REGISTRY_URL too.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use).
# Usage: [REGISTRY_URL=http://localhost:8081] deploy/examples/run-against-embedded.sh COMMAND [ARGS...]
#        (exit status 0 on success; logs kept on failure)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CREDENCE="$ROOT/credence"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/credence-client-XXXXXX")"
PIDS=()
OK=0

# Stops what this script started, apps before the broker (an app closing against a dead broker would wait), each given
# 30 s to shut down cleanly before it is killed.
cleanup() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[i]}"
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ $OK == 1 ]]; then
    rm -rf "$WORK"
  else
    echo "run-against-embedded: logs kept in $WORK" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM # run the EXIT trap on Ctrl-C and kill too

fail() {
  echo "run-against-embedded: error: $*" >&2
  exit 1
}

# Waits until FILE contains TEXT, failing when PID has exited or SECONDS pass.
wait_for() {
  local file="$1" text="$2" pid="$3" seconds="$4" start=$SECONDS
  until grep -q "$text" "$file" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$file" >&2; fail "$(basename "$file" .log) exited before it was ready"; }
    ((SECONDS - start < seconds)) || { tail -n 20 "$file" >&2; fail "$(basename "$file" .log) not ready within $seconds s"; }
    sleep 0.5
  done
}

[[ $# -gt 0 ]] || fail "usage: run-against-embedded.sh COMMAND [ARGS...]"

"$CREDENCE" --version >/dev/null # builds the CLI on first use

"$CREDENCE" broker --port 0 >"$WORK/broker.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/broker.log" "Kafka broker ready at" "${PIDS[0]}" 120
BOOTSTRAP="$(sed -n -E 's/.*Kafka broker ready at ([^ ]+) .*/\1/p' "$WORK/broker.log" | head -n 1)"
echo "broker at $BOOTSTRAP"
SERDE=()
if [[ -n "${REGISTRY_URL:-}" ]]; then
  SERDE=(--serde-format registry --registry-url "$REGISTRY_URL")
  echo "records framed in the Confluent wire format, schemas in the registry at $REGISTRY_URL"
fi
"$CREDENCE" topics --bootstrap "$BOOTSTRAP" "${SERDE[@]}"

CREDENCE_HEAP=1g "$CREDENCE" trainer --bootstrap "$BOOTSTRAP" "${SERDE[@]}" --http-port 0 --state-dir "$WORK/trainer-state" \
  >"$WORK/trainer.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/trainer.log" "stream-trainer running" "${PIDS[1]}" 180
CREDENCE_HEAP=1g "$CREDENCE" scorer --bootstrap "$BOOTSTRAP" "${SERDE[@]}" --http-port 0 --state-dir "$WORK/scorer-state" \
  >"$WORK/scorer.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/scorer.log" "stream-scorer running" "${PIDS[2]}" 180
echo "trainer and scorer running"

BOOTSTRAP="$BOOTSTRAP" "$@"
OK=1
echo "run-against-embedded: passed"
