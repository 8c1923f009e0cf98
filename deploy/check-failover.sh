#!/usr/bin/env bash
# How long a model's records wait when the instance that owns its partition dies: starts an embedded broker, two
# stream-trainers and two stream-scorers through the credence CLI (one application id per app, 3 partitions, one
# standby replica), trains three models whose ids land on the three partitions, then
#   1. SIGKILLs the trainer that owns the first model, streams 640 more records of each model and prints the seconds
#      from the kill until the surviving trainer has learned all of them;
#   2. SIGKILLs one scorer, asks for 5 predictions of each model and prints the seconds from the kill until all came
#      back.
# Nothing is restarted: the survivors take the dead instances' partitions over once the group notices them gone
# (session.timeout.ms, 6 s in both apps), restoring their state from a standby or the changelog.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use), curl, python3.
# Usage: deploy/check-failover.sh     (prints "trainer failover: ... s" and "scorer failover: ... s"; exit 0 on success)
set -euo pipefail
SCRIPT=check-failover
source "$(dirname "${BASH_SOURCE[0]}")/measure-stack.sh"
now() { python3 -c 'import time; print(time.time())'; }
start_broker --partitions 3

# Model ids on partitions 0, 1 and 2 of the 3, by Kafka's default partitioner (murmur2 of the key).
read -r -a MODELS <<<"$(python3 - <<'PY'
def murmur2(data):
    m, r, length = 0x5bd1e995, 24, len(data)
    h = (0x9747b28c ^ length) & 0xffffffff
    for i in range(0, length - length % 4, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & 0xffffffff; k ^= k >> r; k = (k * m) & 0xffffffff
        h = (h * m) & 0xffffffff; h ^= k
    rest = length % 4
    if rest >= 3: h ^= data[length - rest + 2] << 16
    if rest >= 2: h ^= data[length - rest + 1] << 8
    if rest >= 1:
        h ^= data[length - rest]; h = (h * m) & 0xffffffff
    h ^= h >> 13; h = (h * m) & 0xffffffff; h ^= h >> 15
    return h
found = {}
for i in range(100):
    key = f"failover-{i}"
    found.setdefault((murmur2(key.encode()) & 0x7fffffff) % 3, key)
print(" ".join(found[p] for p in range(3)))
PY
)"
echo "models ${MODELS[*]} on partitions 0, 1, 2"

app() { # KIND NAME: starts credence KIND with state in $WORK/NAME, log $WORK/NAME.log; prints its pid
  CREDENCE_HEAP=1g "$CREDENCE" "$1" --bootstrap "$BOOTSTRAP" --http-port 0 --state-dir "$WORK/$2" \
    --set credence.kafka.properties.num.standby.replicas=1 >"$WORK/$2.log" 2>&1 &
  echo $!
}
TRAINER_A=$(app trainer trainer-a); PIDS+=("$TRAINER_A")
TRAINER_B=$(app trainer trainer-b); PIDS+=("$TRAINER_B")
SCORER_C=$(app scorer scorer-c); PIDS+=("$SCORER_C")
SCORER_D=$(app scorer scorer-d); PIDS+=("$SCORER_D")
for name in trainer-a trainer-b; do wait_for "$WORK/$name.log" "stream-trainer running" 240; done
for name in scorer-c scorer-d; do wait_for "$WORK/$name.log" "stream-scorer running" 240; done
URL_A="$(url_of "$WORK/trainer-a.log")"; URL_B="$(url_of "$WORK/trainer-b.log")"

python3 -c "
import random; random.seed(1); print('x,y')
for i in range(640): x = random.uniform(-3, 3); print(f'{x:.4f},{2 * x:.4f}')" >"$WORK/data.csv"
printf 'x\n-1\n-0.5\n0\n0.5\n1\n' >"$WORK/grid.csv"
produce_all() { # extra options of produce
  local m jobs=()
  for m in "${MODELS[@]}"; do
    "$CREDENCE" produce --bootstrap "$BOOTSTRAP" --model "$m" --csv "$WORK/data.csv" --target y "$@" >/dev/null 2>&1 &
    jobs+=($!)
  done
  for m in "${jobs[@]}"; do wait "$m" || fail "produce failed"; done
}
seen() { # MODEL URL...: recordsSeen of MODEL on the first trainer that has it, else 0
  local m="$1" u n; shift
  for u in "$@"; do
    n="$(curl -sf "$u/models/$m" | python3 -c 'import json, sys; print(json.load(sys.stdin)["recordsSeen"])' 2>/dev/null)" && { echo "$n"; return; }
  done
  echo 0
}
await_all() { # N SECONDS URL...
  local n="$1" seconds="$2" start=$SECONDS m; shift 2
  for m in "${MODELS[@]}"; do
    until (($(seen "$m" "$@") >= n)); do
      ((SECONDS - start < seconds)) || fail "model $m has not learned $n records within $seconds s"
      sleep 0.1
    done
  done
}

produce_all
await_all 640 180 "$URL_A" "$URL_B"
if curl -sf "$URL_A/models/${MODELS[0]}" >/dev/null; then DEAD=$TRAINER_A; SURVIVOR=$URL_B; else DEAD=$TRAINER_B; SURVIVOR=$URL_A; fi
echo "trained 640 records of each model; kill -9 of the trainer that owns ${MODELS[0]}"
kill -9 "$DEAD"
killed=$(now)
produce_all --no-spec
await_all 1280 300 "$SURVIVOR"
echo "trainer failover: the surviving trainer learned all 1,920 new records $(python3 -c "print('%.1f' % ($(now) - $killed))") s after kill -9"

for m in "${MODELS[@]}"; do "$CREDENCE" predict --bootstrap "$BOOTSTRAP" --model "$m" --csv "$WORK/grid.csv" --timeout 120s >/dev/null 2>&1; done
echo "all three models predict; kill -9 of one scorer"
kill -9 "$SCORER_C"
killed=$(now)
PREDICTS=()
for m in "${MODELS[@]}"; do
  "$CREDENCE" predict --bootstrap "$BOOTSTRAP" --model "$m" --csv "$WORK/grid.csv" --timeout 120s >"$WORK/predict-$m.csv" 2>"$WORK/predict-$m.err" &
  PREDICTS+=($!)
done
for pid in "${PREDICTS[@]}"; do wait "$pid" || { cat "$WORK"/predict-*.err >&2; fail "a prediction did not come back"; }; done
echo "scorer failover: 5 predictions of each of the 3 models came back $(python3 -c "print('%.1f' % ($(now) - $killed))") s after kill -9"
