#!/usr/bin/env bash
# Builds the credence container image with Jib (./mvnw -Pimages), to cli/target/credence-image.tar, no Docker daemon.
#
# Jib pulls the base image (eclipse-temurin:17-jre) from its registry. Where that registry cannot be reached (a sandbox
# that only reaches Maven Central), this script says so, then still checks the whole Jib configuration by building the
# same image on the empty `scratch` base (cli/target/credence-image-scratch.tar: the layers, entrypoint and environment
# of the real image, but no Java, so it cannot run), and exits 0 with SKIPPED. Any other failure fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
cd "$ROOT"

if ./mvnw -B -Pimages -DskipTests package -pl cli -am >"$LOG" 2>&1; then
  echo "check-images: built $ROOT/cli/target/credence-image.tar (load it with: docker load -i cli/target/credence-image.tar)"
  exit 0
fi
if ! grep -qE "UnknownHostException|Name or service not known|Temporary failure in name resolution|Network is unreachable|connect timed out|Connection refused" "$LOG"; then
  grep -E '^\[ERROR\]' "$LOG" | head -n 20 >&2
  echo "check-images: error: the image build failed (not for want of a registry)" >&2
  exit 1
fi
reason="$(grep -m1 -oE "I/O error for image \[[^]]*\]" "$LOG" || true)"
echo "check-images: SKIPPED the runnable image: the base image's registry is not reachable (${reason:-network error})."
if ! ./mvnw -B -Pimages -DskipTests -Djib.from.image=scratch \
  -Djib.outputPaths.tar="$ROOT/cli/target/credence-image-scratch.tar" package -pl cli -am >"$LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$LOG" | head -n 20 >&2
  echo "check-images: error: the Jib configuration does not build even on scratch" >&2
  exit 1
fi
echo "check-images: the Jib configuration builds (on scratch, not runnable): cli/target/credence-image-scratch.tar"
