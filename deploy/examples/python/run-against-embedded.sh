#!/usr/bin/env bash
# End-to-end check of the Python client: its unit tests, then client.py against an embedded broker, stream-trainer
# and stream-scorer (../run-against-embedded.sh); succeeds when its predictions and the expected dead letter arrive.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use) and a python3 with Debian's python3-confluent-kafka and
# python3-avro (apt-get install python3-confluent-kafka python3-avro; no pip). EXPECT_FINGERPRINTS is passed through.
# Usage: deploy/examples/python/run-against-embedded.sh          (exit status 0 on success; logs kept on failure)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON=""
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import confluent_kafka, avro' 2>/dev/null; then PYTHON="$py"; break; fi
done
[[ -n "$PYTHON" ]] || { echo "run-against-embedded: error: no python3 with confluent_kafka and avro (apt-get install python3-confluent-kafka python3-avro)" >&2; exit 1; }
cd "$HERE"
"$PYTHON" -m unittest -q test_credence_avro
exec "$HERE/../run-against-embedded.sh" "$PYTHON" client.py
