#!/usr/bin/env bash
# Checks deploy/docker-compose.yml without a Docker daemon: YAML, interpolation of every variable, every profile.
# Needs docker-compose (Debian: apt-get install -y docker-compose) or the `docker compose` plugin.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FILE="$HERE/docker-compose.yml"

if command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  echo "check-compose: error: neither docker-compose nor 'docker compose' is installed (apt-get install -y docker-compose)" >&2
  exit 1
fi

"${COMPOSE[@]}" -f "$FILE" config -q
"${COMPOSE[@]}" -f "$FILE" --profile demo config -q
services="$("${COMPOSE[@]}" -f "$FILE" --profile demo config --services | sort | tr '\n' ' ')"
expected="demo kafka stream-scorer stream-trainer topics "
if [[ "$services" != "$expected" ]]; then
  echo "check-compose: error: services are '$services', expected '$expected'" >&2
  exit 1
fi
echo "check-compose: $FILE is valid (services: $services)"
