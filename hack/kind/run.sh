#!/usr/bin/env bash
# A kind cluster whose workers run berthd instead of containerd, the berth chart installed, and the
# conformance checks: critest (the CRI validation suite) on a worker, then the repository's e2e suite.
# Needs Docker, kind, kubectl, Helm and internet access (images come from registries). See docs/kind.md.
#
#   hack/kind/run.sh            # up + test (the default)
#   hack/kind/run.sh up         # build images, create the cluster, install the chart
#   hack/kind/run.sh test       # critest on a worker, then test/e2e with KUBECONFIG
#   hack/kind/run.sh down       # delete the cluster
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLUSTER=${CLUSTER_NAME:-berth}
# The control plane and the workers' base; use the image your kind release lists for its version.
KIND_NODE_IMAGE=${KIND_NODE_IMAGE:-kindest/node:v1.31.2}
WORKER_IMAGE=berth/kind-node:dev
CONTROLLER_IMAGE=berth/controller:dev
NAMESPACE=${BERTH_NAMESPACE:-berth-system}
CRITEST_VERSION=${CRITEST_VERSION:-v1.31.1}
# Focus/skip regular expressions for critest (ginkgo), e.g. CRITEST_SKIP='SELinux|AppArmor'.
CRITEST_FOCUS=${CRITEST_FOCUS:-}
CRITEST_SKIP=${CRITEST_SKIP:-SELinux|AppArmor|Windows}
SOCKET=unix:///run/berth/berth.sock
KUBECONFIG_FILE=${KUBECONFIG_FILE:-$REPO/.tmp/kind-$CLUSTER.kubeconfig}

log() { printf '\n==> %s\n' "$*"; }
die() {
  echo "kind/run.sh: $*" >&2
  exit 1
}

require_tools() {
  local missing=()
  command -v docker >/dev/null || missing+=("docker (https://docs.docker.com/engine/install/)")
  command -v kind >/dev/null || missing+=("kind (go install sigs.k8s.io/kind@latest, or https://kind.sigs.k8s.io/docs/user/quick-start/#installation)")
  command -v kubectl >/dev/null || missing+=("kubectl (https://kubernetes.io/docs/tasks/tools/)")
  command -v helm >/dev/null || missing+=("helm (https://helm.sh/docs/intro/install/)")
  command -v curl >/dev/null || missing+=("curl")
  if ((${#missing[@]})); then
    printf 'kind/run.sh: missing tools:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
  docker info >/dev/null 2>&1 ||
    die "docker is installed but its daemon does not answer (start Docker, or check DOCKER_HOST and your permissions)"
}

workers() { kind get nodes --name "$CLUSTER" | grep -- '-worker' || true; }
control_plane() { kind get nodes --name "$CLUSTER" | grep -- '-control-plane'; }
kc() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }

build_images() {
  log "building $CONTROLLER_IMAGE and $WORKER_IMAGE (from $KIND_NODE_IMAGE)"
  docker build -f "$REPO/Dockerfile.controller" -t "$CONTROLLER_IMAGE" "$REPO"
  docker build -f "$REPO/Dockerfile.node" --target kind --build-arg "KIND_NODE_IMAGE=$KIND_NODE_IMAGE" \
    -t "$WORKER_IMAGE" "$REPO"
}

create_cluster() {
  if kind get clusters | grep -qx "$CLUSTER"; then
    log "cluster $CLUSTER exists; reusing it (hack/kind/run.sh down deletes it)"
  else
    log "creating kind cluster $CLUSTER"
    kind create cluster --name "$CLUSTER" --image "$KIND_NODE_IMAGE" \
      --config "$REPO/hack/kind/cluster.yaml" --wait 5m
  fi
  mkdir -p "$(dirname "$KUBECONFIG_FILE")"
  kind get kubeconfig --name "$CLUSTER" >"$KUBECONFIG_FILE"
}

# Every worker must report berth as its runtime; otherwise show berthd's and kubelet's logs.
verify_workers() {
  log "checking that the workers run berth"
  local node runtime
  for node in $(workers); do
    runtime=$(kc get node "$node" -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}')
    if [[ $runtime != berth://* ]]; then
      docker exec "$node" journalctl -u berthd -n 80 --no-pager >&2 || true
      docker exec "$node" journalctl -u kubelet -n 40 --no-pager >&2 || true
      die "node $node runs \"$runtime\", not berth (logs above)"
    fi
    echo "$node: $runtime"
  done
  kc wait --for=condition=Ready node --all --timeout=5m
}

install_chart() {
  log "installing the berth chart into $NAMESPACE"
  # The controller image goes into the control plane's containerd; berth workers pull from registries.
  kind load docker-image "$CONTROLLER_IMAGE" --name "$CLUSTER" --nodes "$(control_plane)"
  helm lint "$REPO/charts/berth" -f "$REPO/hack/kind/values.yaml"
  helm --kubeconfig "$KUBECONFIG_FILE" upgrade --install berth "$REPO/charts/berth" \
    --namespace "$NAMESPACE" --create-namespace -f "$REPO/hack/kind/values.yaml" --wait --timeout 5m
  kc -n "$NAMESPACE" get pods -o wide
}

run_critest() {
  local node
  node=$(workers | head -n1)
  [[ -n $node ]] || die "no worker node in cluster $CLUSTER"
  log "critest $CRITEST_VERSION on $node"
  if ! docker exec "$node" test -x /usr/local/bin/critest; then
    local tmp
    tmp=$(mktemp -d)
    curl -fsSL "https://github.com/kubernetes-sigs/cri-tools/releases/download/$CRITEST_VERSION/critest-$CRITEST_VERSION-linux-amd64.tar.gz" |
      tar -xz -C "$tmp"
    docker cp "$tmp/critest" "$node:/usr/local/bin/critest"
    rm -rf "$tmp"
  fi
  local args=(--runtime-endpoint "$SOCKET" --image-endpoint "$SOCKET")
  if [[ -n $CRITEST_FOCUS ]]; then args+=(--ginkgo.focus "$CRITEST_FOCUS"); fi
  if [[ -n $CRITEST_SKIP ]]; then args+=(--ginkgo.skip "$CRITEST_SKIP"); fi
  docker exec "$node" critest "${args[@]}"
}

run_e2e() {
  log "test/e2e against the cluster (KUBECONFIG=$KUBECONFIG_FILE)"
  # The controller suite starts its own controllers (from dist/, on this machine) and tests their
  # leader election, so the chart's controller is scaled to zero meanwhile; the other suites
  # (compose) use the chart's controller.
  (cd "$REPO" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; } && npm run --silent build)
  local deploy=deployment/berth suites=() f
  for f in "$REPO"/test/e2e/*.test.ts; do
    [[ $(basename "$f") == controller.test.ts ]] || suites+=("test/e2e/$(basename "$f")")
  done
  kc -n "$NAMESPACE" scale "$deploy" --replicas=0
  kc -n "$NAMESPACE" wait --for=delete pod -l app.kubernetes.io/component=controller --timeout=2m || true
  local rc=0
  (cd "$REPO" && KUBECONFIG="$KUBECONFIG_FILE" npx vitest run --project e2e test/e2e/controller.test.ts) || rc=$?
  kc -n "$NAMESPACE" scale "$deploy" --replicas=2
  kc -n "$NAMESPACE" rollout status "$deploy" --timeout=5m
  if ((${#suites[@]})); then
    (cd "$REPO" && KUBECONFIG="$KUBECONFIG_FILE" npx vitest run --project e2e "${suites[@]}") || rc=$?
  fi
  return "$rc"
}

cmd=${1:-all}
case "$cmd" in
  up)
    require_tools
    build_images
    create_cluster
    verify_workers
    install_chart
    ;;
  test)
    require_tools
    [[ -f $KUBECONFIG_FILE ]] || die "no cluster yet: run hack/kind/run.sh up"
    run_critest
    run_e2e
    ;;
  all)
    require_tools
    build_images
    create_cluster
    verify_workers
    install_chart
    run_critest
    run_e2e
    ;;
  down)
    command -v kind >/dev/null || die "kind is not installed"
    kind delete cluster --name "$CLUSTER"
    rm -f "$KUBECONFIG_FILE"
    ;;
  -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command \"$cmd\" (up | test | all | down)" ;;
esac
