#!/usr/bin/env bash
# cluster.sh <1.24|1.32>: a single-node Kubernetes from binaries in the harness's namespace, kubelet
# pointed straight at berthd's socket (run.sh starts berthd); then the user checks in
# cluster-checks.sh and test/e2e with a controller started here. Stops everything it started.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

VERSION=${1:?usage: cluster.sh 1.24|1.32}
# USERNS: the version has user namespaces for pods (hostUsers: false) behind a feature gate.
case $VERSION in
  1.24) SUFFIX="" USERNS=0 ;;
  1.32) SUFFIX=-v1.32 USERNS=1 ;;
  *) die "unsupported Kubernetes version $VERSION (1.24, 1.32)" ;;
esac
D=$WORK/k8s-$VERSION
export KUBECONFIG=$D/kubeconfig
NODE=berth-node
SERVICE_CIDR=10.96.0.0/16
KUBERNETES_SERVICE_IP=10.96.0.1 # the first address of SERVICE_CIDR

stop_cluster() {
  local rc=$?
  set +e
  for name in controller kubelet kube-scheduler kube-controller-manager kube-apiserver etcd; do stop_bg "$name" 10; done
  crictl_ns rmp -fa >/dev/null 2>&1 # what the kubelet left (nothing, when the checks passed)
  umount_under "$D"
  remove_cgroups "$CGROUP_ROOT/kubepods"
  return "$rc"
}
trap stop_cluster EXIT

rm -rf "$D" && mkdir -p "$D/pki"
log "Kubernetes $("kubelet$SUFFIX" --version | awk '{print $2}') in $D"

# --- credentials: one admin token (system:masters); a CA that signs the API server's certificate,
# so that pods trust it through kube-root-ca.crt when they reach it as kubernetes.default ----------
openssl genrsa -out "$D/sa.key" 2048 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/pki/ca.key" -out "$D/pki/ca.crt" -days 2 \
  -subj /CN=berth-conformance-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$D/pki/apiserver.key" -out "$D/pki/apiserver.csr" \
  -subj /CN=kube-apiserver 2>/dev/null
printf 'subjectAltName=IP:%s,IP:%s,IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost\n' \
  "$KUBERNETES_SERVICE_IP" "$NODE_IP" >"$D/pki/san.ext"
openssl x509 -req -in "$D/pki/apiserver.csr" -CA "$D/pki/ca.crt" -CAkey "$D/pki/ca.key" -CAcreateserial \
  -days 2 -extfile "$D/pki/san.ext" -out "$D/pki/apiserver.crt" 2>/dev/null
TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$TOKEN,admin,admin,system:masters" >"$D/tokens.csv"
cat >"$KUBECONFIG" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: "$TOKEN"}}]
contexts: [{name: local, context: {cluster: local, user: admin}}]
current-context: local
YAML

# --- control plane -------------------------------------------------------------------------------
# The user namespace feature gate, for the versions that have one (an empty list or line otherwise).
gates=()
gates_yaml=""
if [[ $USERNS == 1 ]]; then
  gates=(--feature-gates=UserNamespacesSupport=true)
  gates_yaml="featureGates: {UserNamespacesSupport: true}"
fi
start_bg etcd etcd --data-dir "$D/etcd" --listen-client-urls http://127.0.0.1:2379 \
  --advertise-client-urls http://127.0.0.1:2379 --listen-peer-urls http://127.0.0.1:2380 \
  --initial-advertise-peer-urls http://127.0.0.1:2380 --initial-cluster default=http://127.0.0.1:2380
start_bg kube-apiserver "kube-apiserver$SUFFIX" --etcd-servers http://127.0.0.1:2379 \
  --bind-address 0.0.0.0 --secure-port 6443 --advertise-address "$NODE_IP" \
  --tls-cert-file "$D/pki/apiserver.crt" --tls-private-key-file "$D/pki/apiserver.key" \
  --service-cluster-ip-range "$SERVICE_CIDR" --service-account-issuer https://kubernetes.default.svc \
  --service-account-key-file "$D/sa.key" --service-account-signing-key-file "$D/sa.key" \
  --token-auth-file "$D/tokens.csv" --authorization-mode RBAC --allow-privileged=true \
  --kubelet-preferred-address-types InternalIP "${gates[@]}"
wait_until 90 "kube-apiserver /readyz" in_ns kubectl get --raw /readyz ||
  { tail -n 30 "$WORK/logs/kube-apiserver.log" >&2; die "kube-apiserver did not become ready"; }
# No kube-proxy: the one ClusterIP pods need, the API server's, is a DNAT rule in the namespace.
in_ns iptables -t nat -C PREROUTING -d "$KUBERNETES_SERVICE_IP/32" -p tcp --dport 443 -j DNAT --to-destination "$NODE_IP:6443" 2>/dev/null ||
  in_ns iptables -t nat -A PREROUTING -d "$KUBERNETES_SERVICE_IP/32" -p tcp --dport 443 -j DNAT --to-destination "$NODE_IP:6443"
start_bg kube-controller-manager "kube-controller-manager$SUFFIX" --kubeconfig "$KUBECONFIG" \
  --service-account-private-key-file "$D/sa.key" --root-ca-file "$D/pki/ca.crt" --leader-elect=false \
  --bind-address 127.0.0.1 --controllers '*'
start_bg kube-scheduler "kube-scheduler$SUFFIX" --kubeconfig "$KUBECONFIG" --leader-elect=false --bind-address 127.0.0.1

# --- the kubelet, on berthd --------------------------------------------------------------------
cat >"$D/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_ROOT
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}}
authorization: {mode: AlwaysAllow}
failSwapOn: false
readOnlyPort: 0
port: 10250
resolvConf: /etc/resolv.conf
serializeImagePulls: false
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
$gates_yaml
YAML
kubelet_args=(--config "$D/kubelet.yaml" --kubeconfig "$KUBECONFIG" --container-runtime-endpoint "unix://$SOCK"
  --node-ip "$NODE_IP" --hostname-override "$NODE" --root-dir "$D/kubelet" --cert-dir "$D/kubelet-pki" --v 1)
# kubelet before 1.27 needs to be told the runtime is remote (the flag is gone after 1.26).
[[ $VERSION == 1.24 ]] && kubelet_args+=(--container-runtime=remote)
start_bg kubelet "kubelet$SUFFIX" "${kubelet_args[@]}"
node_ready() { [[ $(in_ns kubectl get node "$NODE" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null) == True ]]; }
wait_until 120 "node $NODE Ready" node_ready ||
  { tail -n 40 "$WORK/logs/kubelet.log" >&2; die "node $NODE did not become Ready"; }
log "node $NODE Ready on $(in_ns kubectl get node "$NODE" -o 'jsonpath={.status.nodeInfo.containerRuntimeVersion}')"

# --- what a user checks, then the project's own e2e suites on this cluster ----------------------
export E2E_IMAGE NODE USERNS
"$HERE/cluster-checks.sh"

if [[ ${BERTH_CONFORMANCE_E2E:-1} == 1 ]]; then
  cd "$REPO"
  export BERTH_E2E_IMAGE=$E2E_IMAGE BERTH_E2E_BUSYBOX_IMAGE=$E2E_IMAGE BERTH_SKIP_BUILD=1
  log "test/e2e/controller.test.ts (starts its own controllers)"
  in_ns npx vitest run --project e2e test/e2e/controller.test.ts
  # compose needs a controller watching every namespace; the controller suite above runs its own,
  # limited to its namespace, so this one starts only now.
  start_bg controller env POD_NAME=conformance node "$REPO/dist/src/cli.js" controller \
    --lease-namespace default --metrics-address 127.0.0.1:0 --health-address 127.0.0.1:0
  log "test/e2e/compose.test.ts (controller log: $WORK/logs/controller.log)"
  in_ns npx vitest run --project e2e test/e2e/compose.test.ts
fi
# The chart, installed with Helm, its controller running as pods on berthd (once: on v1.32).
if [[ $VERSION == 1.32 && ${BERTH_CONFORMANCE_HELM:-1} == 1 ]]; then "$HERE/helm-e2e.sh"; fi
log "Kubernetes $VERSION on berthd: passed"
