#!/usr/bin/env bash
# Checks deploy/k8s with kubectl, as far as kubectl goes without a cluster: `kubectl kustomize` renders the
# kustomization (what `kubectl apply -k` sends) and the script checks the resources and image it yields.
# `kubectl apply --dry-run=client` and `kubectl create --dry-run=client --validate=false` cannot run without a cluster:
# even client-side they ask the API server for its resource types (and, to validate, for its OpenAPI schema). The
# field-by-field check against the Kubernetes API model is KubernetesManifestsTest's (cli), which needs no kubectl.
# Needs kubectl (Debian: apt-get install -y kubernetes-client).
#
#   deploy/check-k8s.sh [OUT]     # OUT: where to keep the rendered YAML (default: a temporary file)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v kubectl >/dev/null 2>&1; then
  echo "check-k8s: error: kubectl is not installed (apt-get install -y kubernetes-client)" >&2
  exit 1
fi
OUT="${1:-}"
if [[ -z "$OUT" ]]; then
  OUT="$(mktemp)"
  trap 'rm -f "$OUT"' EXIT
fi

kubectl kustomize "$HERE/k8s" >"$OUT"

# kind/name of every rendered resource (kustomize writes kind before metadata, and metadata.name at two spaces).
resources="$(awk '/^kind: / { kind = $2 }
                  /^metadata:/ { meta = 1; next }
                  /^[^ ]/ { meta = 0 }
                  meta && /^  name: / { print kind "/" $2; meta = 0 }' "$OUT" | sort | tr '\n' ' ')"
expected="ConfigMap/credence-config ConfigMap/stream-trainer-config Deployment/stream-scorer Job/credence-topics \
PodDisruptionBudget/stream-scorer PodDisruptionBudget/stream-trainer Service/stream-scorer Service/stream-trainer \
StatefulSet/stream-trainer "
if [[ "$resources" != "$expected" ]]; then
  echo "check-k8s: error: kubectl kustomize rendered '$resources', expected '$expected'" >&2
  exit 1
fi
images="$(sed -n -E 's/^ +image: +//p' "$OUT" | sort -u | tr '\n' ' ')"
if [[ "$images" != "credence:latest " ]]; then
  echo "check-k8s: error: rendered images are '$images', expected the kustomization's 'credence:latest'" >&2
  exit 1
fi
version="$(kubectl version --client 2>/dev/null | grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)"
echo "check-k8s: kubectl ${version:-(version unknown)} kustomize renders $HERE/k8s (resources: ${resources% }; image: ${images% })"
echo "check-k8s: not checked here: anything that needs an API server (kubectl apply/create --dry-run, admission, a real run)"
