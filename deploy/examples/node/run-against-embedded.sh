#!/usr/bin/env bash
# End-to-end check of the Node.js client: its unit tests, then client.js against an embedded broker, stream-trainer
# and stream-scorer (../run-against-embedded.sh); succeeds when it gets its predictions back.
# With REGISTRY_URL set (a Confluent-compatible schema registry), everything runs in registry mode (the Confluent wire
# format, schemas registered there by `credence topics`) and registry-client.js runs instead of client.js: Confluent's
# AvroSerializer and AvroDeserializer (@confluentinc/schemaregistry) for the records and predictions, plus a dead
# letter for an unknown schema id and a refused incompatible schema.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use), Node.js >= 20 and npm (npm ci fetches kafkajs, avsc and
# @confluentinc/schemaregistry when node_modules/ is missing or older than package-lock.json).
# Usage: [REGISTRY_URL=http://localhost:8081] deploy/examples/node/run-against-embedded.sh
#        (exit status 0 on success; logs kept on failure)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null || { echo "run-against-embedded: error: node is not installed (Node.js 20 or newer; e.g. apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null || { echo "run-against-embedded: error: npm is not installed (e.g. apt-get install npm)" >&2; exit 1; }
cd "$HERE"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node --test
CLIENT=client.js
[[ -z "${REGISTRY_URL:-}" ]] || CLIENT=registry-client.js
exec "$HERE/../run-against-embedded.sh" node "$CLIENT"
