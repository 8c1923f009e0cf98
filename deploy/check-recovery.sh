#!/usr/bin/env bash
# How long a trainer takes to train again after a hard kill: starts an embedded broker and stream-trainer through the
# credence CLI, streams 2,000 records of one model, SIGKILLs the trainer, restarts it on the same state dir, streams
# 2,000 more and prints the seconds from the kill until the restarted trainer has learned all of them.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use), curl, python3.
# Usage: deploy/check-recovery.sh     (prints "recovered: ... s after kill -9"; exit status 0 on success)
set -euo pipefail
SCRIPT=check-recovery
source "$(dirname "${BASH_SOURCE[0]}")/measure-stack.sh"
start_broker

trainer() { # LOG: starts a trainer on the state dir, returns once it runs; sets TRAINER and URL
  CREDENCE_HEAP=1g "$CREDENCE" trainer --bootstrap "$BOOTSTRAP" --http-port 0 --state-dir "$WORK/state" >"$1" 2>&1 &
  TRAINER=$!
  PIDS+=("$TRAINER")
}
seen() { curl -sf "$URL/models/recovery" | python3 -c 'import json, sys; print(json.load(sys.stdin)["recordsSeen"])' 2>/dev/null || echo 0; }
await_seen() { # N SECONDS
  local start=$SECONDS
  until (($(seen) >= $1)); do
    ((SECONDS - start < $2)) || fail "the trainer has not learned $1 records within $2 s"
    sleep 0.1
  done
}

python3 -c "
import random; random.seed(1); print('x,y')
for i in range(2000): x = random.uniform(-3, 3); print(f'{x:.4f},{2 * x:.4f}')" >"$WORK/data.csv"

trainer "$WORK/trainer-1.log"
wait_for "$WORK/trainer-1.log" "stream-trainer running" 180
URL="$(url_of "$WORK/trainer-1.log")"
"$CREDENCE" produce --bootstrap "$BOOTSTRAP" --model recovery --csv "$WORK/data.csv" --target y >/dev/null 2>&1
await_seen 1984 120 # whole batches of 32
echo "trained $(seen) records; kill -9 of the trainer"

kill -9 "$TRAINER"
killed=$(date +%s.%N)
trainer "$WORK/trainer-2.log"
"$CREDENCE" produce --bootstrap "$BOOTSTRAP" --model recovery --csv "$WORK/data.csv" --target y --no-spec >/dev/null 2>&1
wait_for "$WORK/trainer-2.log" "stream-trainer running" 180
URL="$(url_of "$WORK/trainer-2.log")"
await_seen 3968 300
python3 -c "import time; print('recovered: the restarted trainer learned all 2,000 new records %.1f s after kill -9' % (time.time() - $killed))"
