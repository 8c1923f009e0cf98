#!/usr/bin/env bash
# End-to-end check of the Python client: its unit tests, then client.py against an embedded broker, stream-trainer
# and stream-scorer (../run-against-embedded.sh); succeeds when its predictions and the expected dead letters arrive.
# With REGISTRY_URL set (a Confluent-compatible schema registry), the apps and the client use the Confluent wire format
# with the schemas registered there (the shared script runs `credence topics`, the trainer and the scorer with
# --serde-format registry --registry-url "$REGISTRY_URL"); otherwise Avro single-object encoding.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use) and a python3 with Debian's python3-confluent-kafka and
# python3-avro, plus python3-requests in registry mode (apt-get install python3-confluent-kafka python3-avro
# python3-requests; no pip). EXPECT_FINGERPRINTS and the REGISTRY_* settings of client.py are passed through.
# Usage: [REGISTRY_URL=http://localhost:8081] deploy/examples/python/run-against-embedded.sh
#        (exit status 0 on success; logs kept on failure)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMPORTS="import confluent_kafka, avro"
[[ -z "${REGISTRY_URL:-}" ]] || IMPORTS="$IMPORTS, confluent_kafka.schema_registry"
PYTHON=""
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c "$IMPORTS" 2>/dev/null; then PYTHON="$py"; break; fi
done
[[ -n "$PYTHON" ]] || { echo "run-against-embedded: error: no python3 that can run: $IMPORTS (apt-get install python3-confluent-kafka python3-avro python3-requests)" >&2; exit 1; }
cd "$HERE"
TESTS=(test_credence_avro)
"$PYTHON" -c "import confluent_kafka.schema_registry" 2>/dev/null && TESTS+=(test_credence_registry)
"$PYTHON" -m unittest -q "${TESTS[@]}"
exec "$HERE/../run-against-embedded.sh" "$PYTHON" client.py
