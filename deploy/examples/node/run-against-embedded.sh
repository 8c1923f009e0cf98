#!/usr/bin/env bash
# End-to-end check of the Node.js client: its unit tests, then client.js against an embedded broker, stream-trainer
# and stream-scorer (../run-against-embedded.sh); succeeds when it gets its predictions back.
#
# Needs: Java 17+ (the CLI is built with ./mvnw on first use), Node.js >= 18 and npm (npm ci fetches kafkajs and avsc).
# Usage: deploy/examples/node/run-against-embedded.sh          (exit status 0 on success; logs kept on failure)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null || { echo "run-against-embedded: error: node is not installed (Node.js 18 or newer; e.g. apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null || { echo "run-against-embedded: error: npm is not installed (e.g. apt-get install npm)" >&2; exit 1; }
cd "$HERE"
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node --test
exec "$HERE/../run-against-embedded.sh" node client.js
