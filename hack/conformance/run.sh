#!/usr/bin/env bash
# make conformance: Berth judged by real clients, with throwaway roots, socket, cgroups and network.
#
#   hack/conformance/run.sh [critest] [cluster-v1.24] [cluster-v1.32]    (default: all three)
#
#   critest        critest v1.32 in mirror mode; fails on a failed spec that is not in
#                  critest-allowlist.txt
#   cluster-VER    a single-node Kubernetes VER from binaries, kubelet straight on berthd's socket:
#                  the checks in cluster-checks.sh, then test/e2e (controller, compose)
#
# Needs root and, on PATH, critest, crictl, etcd, kubectl, kubelet, kube-apiserver,
# kube-controller-manager, kube-scheduler (and the same four with -v1.32), helm, skopeo (pushes the
# controller image that `make images` builds), plus the critest image
# set in the registry at 127.0.0.1:5000: `../shared/tools/install.sh --images` provides all of it
# (see docs/conformance.md for other machines). Output and logs stay in $BERTH_CONFORMANCE_DIR
# (default /var/tmp/berth-conformance) until the next run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

PHASES=("$@")
((${#PHASES[@]})) || PHASES=(critest cluster-v1.24 cluster-v1.32)
for p in "${PHASES[@]}"; do
  case $p in critest | cluster-v1.24 | cluster-v1.32) ;; *) die "unknown phase $p (critest, cluster-v1.24, cluster-v1.32)" ;; esac
done

[[ $(id -u) == 0 ]] || die "run as root (namespaces, mounts, cgroups)"
missing=()
for t in critest crictl etcd kubectl kubelet kube-apiserver kube-controller-manager kube-scheduler \
  kubelet-v1.32 kube-apiserver-v1.32 kube-controller-manager-v1.32 kube-scheduler-v1.32 helm skopeo \
  nsenter ip iptables openssl; do
  command -v "$t" >/dev/null || missing+=("$t")
done
((${#missing[@]} == 0)) || die "missing on PATH: ${missing[*]} (../shared/tools/install.sh provides them; see docs/conformance.md)"
curl -fsS "http://$REGISTRY/v2/e2e-test-images/busybox/tags/list" >/dev/null 2>&1 ||
  die "the critest image set is not in the registry at $REGISTRY (../shared/tools/install.sh --images pushes it)"
[[ -x $REPO/dist/bin/berth-runtime && -f $REPO/dist/src/cli.js ]] || die "berth is not built (make build)"

# One run per machine at a time: runs share the namespace, roots and cgroup names below.
mkdir -p /run/lock
exec 9>"/run/lock/$NETNS.lock"
flock -n 9 || { log "another conformance run holds /run/lock/$NETNS.lock; waiting"; flock 9; }

# --- teardown: everything the harness made, also what a killed earlier run left -----------------
teardown() {
  local rc=$?
  set +e
  log "tearing down"
  for name in kubelet kube-scheduler kube-controller-manager kube-apiserver etcd controller; do stop_bg "$name" 5; done
  if [[ -S $SOCK ]]; then
    crictl_ns rmp -fa >/dev/null 2>&1
    crictl_ns rmi -a >/dev/null 2>&1 # keeps the harness's image store small between runs
  fi
  stop_bg berthd 15
  stop_bg relay-in 1
  stop_bg relay-out 1
  # Monitors and containers that a killed berthd left: their cgroups are all under CGROUP_ROOT.
  local dir pid
  for dir in /sys/fs/cgroup/*/"$CGROUP_ROOT" /sys/fs/cgroup/"$CGROUP_ROOT"; do
    [[ -d $dir ]] || continue
    while read -r pid; do kill -9 "$pid" 2>/dev/null; done < <(find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null)
  done
  umount_under "$WORK"
  remove_cgroups "$CGROUP_ROOT"
  ip netns del "$NETNS" 2>/dev/null
  return "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

(teardown) 2>/dev/null || true # what a run killed before its own teardown left
rm -rf "$WORK/lib/containers" "$WORK/run" "$WORK"/k8s-* "$WORK/logs" "$WORK/pids"
mkdir -p "$WORK/logs" "$WORK/cni" "$WORK/run"

# --- the namespace: loopback plus a veth pair (both ends inside) holding the node's address ----
ip netns add "$NETNS"
ip -n "$NETNS" link set lo up
ip -n "$NETNS" link add node0 type veth peer name node0-peer
ip -n "$NETNS" addr add "$NODE_IP/24" dev node0
ip -n "$NETNS" link set node0-peer up
ip -n "$NETNS" link set node0 up
ip -n "$NETNS" route add default dev node0 # nothing leaves: both ends of node0 are in here
in_ns sysctl -qw net.ipv4.ip_forward=1

# The registry on the host's loopback, reachable as $REGISTRY inside the namespace too.
# One relay in the host namespace (TCP to the registry), one inside (TCP listener), a unix socket between.
mkdir -p "$WORK/pids"
setsid node "$HERE/relay.mjs" unix-to-tcp "$WORK/registry.sock" "$REGISTRY" >"$WORK/logs/relay-out.log" 2>&1 </dev/null &
echo $! >"$WORK/pids/relay-out"
wait_until 10 "the registry relay socket" test -S "$WORK/registry.sock"
start_bg relay-in node "$HERE/relay.mjs" tcp-to-unix "$REGISTRY" "$WORK/registry.sock"
wait_until 10 "the registry inside the namespace" in_ns curl -fsS "http://$REGISTRY/v2/"

# --- berthd, with critest's image names served by the local registry ("mirror mode") -----------
for d in /sys/fs/cgroup/*/; do [[ -f $d/cgroup.procs ]] && mkdir -p "$d$CGROUP_ROOT"; done
for f in cpuset.cpus cpuset.mems; do # v1 cpuset: a new folder takes no task until these are set
  [[ -f /sys/fs/cgroup/cpuset/$f ]] && cat "/sys/fs/cgroup/cpuset/$f" >"/sys/fs/cgroup/cpuset/$CGROUP_ROOT/$f"
done
cat >"$WORK/berthd.yaml" <<YAML
root: $WORK/lib
state: $WORK/run
socket: $SOCK
logLevel: info
metrics: {address: "127.0.0.1:0"}
cni: {confDir: $WORK/cni}
cgroup: {parent: $CGROUP_ROOT/berth}
registry:
  mirrors:
    registry.k8s.io: ["http://$REGISTRY"]
    gcr.io: ["http://$REGISTRY"]
    docker.io: ["http://$REGISTRY"]
YAML
start_bg berthd node "$REPO/dist/src/cli.js" daemon --config "$WORK/berthd.yaml"
wait_until 30 "berthd on $SOCK" crictl_ns version || { tail -n 40 "$WORK/logs/berthd.log" >&2; die "berthd did not start"; }
log "berthd serving on $SOCK (log: $WORK/logs/berthd.log)"

failed=()
for p in "${PHASES[@]}"; do
  log "=== $p ==="
  case $p in
    critest) "$HERE/critest.sh" || failed+=("$p") ;;
    cluster-v*) "$HERE/cluster.sh" "${p#cluster-v}" || failed+=("$p") ;;
  esac
done
if ((${#failed[@]})); then
  log "conformance FAILED: ${failed[*]} (logs in $WORK/logs)"
  exit 1
fi
log "conformance passed: ${PHASES[*]}"
