# Shared by hack/conformance/*.sh (sourced, not run). Everything the harness starts runs inside its
# own network namespace (NETNS), with throwaway roots under WORK, so it never touches a berthd, a
# kubelet or a network that the user runs, and no traffic leaves loopback or that namespace.
# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this

HERE=${HERE:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
REPO=${REPO:-$(cd "$HERE/../.." && pwd)}
WORK=${BERTH_CONFORMANCE_DIR:-/var/tmp/berth-conformance}
NETNS=${BERTH_CONFORMANCE_NETNS:-berth-conformance}
NETNS_PATH=/run/netns/$NETNS
NODE_IP=10.213.0.2          # the node's address, on a veth link inside NETNS only
SOCK=$WORK/run/berth.sock
CGROUP_ROOT=$NETNS           # every cgroup of a run (berthd's and the kubelet's) is below it
REGISTRY=${BERTH_CONFORMANCE_REGISTRY:-127.0.0.1:5000}
E2E_IMAGE=registry.k8s.io/e2e-test-images/busybox:1.29-2

log() { printf '[conformance %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# Runs a command inside the harness's network namespace. Only the network namespace changes: the
# mount namespace stays the host's, so kubelet and berthd see each other's mounts.
in_ns() { nsenter --net="$NETNS_PATH" -- "$@"; }

# Starts a long-running program in the namespace, in its own session, output to $WORK/logs/<name>.log;
# its pid goes to $WORK/pids/<name>.
start_bg() {
  local name=$1; shift
  mkdir -p "$WORK/logs" "$WORK/pids"
  setsid nsenter --net="$NETNS_PATH" -- "$@" >"$WORK/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$WORK/pids/$name"
  disown # stop_bg ends it; the shell need not report that
}

# Stops what start_bg started (SIGTERM, then SIGKILL after `grace` seconds).
stop_bg() {
  local name=$1 grace=${2:-10} pidfile="$WORK/pids/$1" pid
  [[ -f $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# wait_until <seconds> <what> <command...>: retries the command until it succeeds.
wait_until() {
  local secs=$1 what=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { log "timed out after ${secs}s waiting for $what"; return 1; }
    sleep 0.5
  done
}

crictl_ns() {
  [[ -f $WORK/crictl.yaml ]] || printf 'runtime-endpoint: unix://%s\nimage-endpoint: unix://%s\ntimeout: 30\n' "$SOCK" "$SOCK" >"$WORK/crictl.yaml"
  in_ns crictl --config "$WORK/crictl.yaml" "$@"
}

# Unmounts everything mounted under a folder, deepest first.
umount_under() {
  local dir=$1
  awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# Removes a cgroup folder and everything below it in every hierarchy, deepest first.
remove_cgroups() {
  local rel=$1 base
  for base in /sys/fs/cgroup /sys/fs/cgroup/*/; do
    [[ -d ${base%/}/$rel ]] || continue
    find "${base%/}/$rel" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

# check <name> <function>: runs the function in a subshell with -e and records the outcome; its
# output goes to $WORK/logs/checks.log, and to the terminal when it fails. checks_summary ends a list.
CHECKS_PASSED=0
CHECKS_FAILED=()
check() {
  local name=$1 t0=$SECONDS out=$WORK/logs/check.out ok
  # Not `(…) || ok=$?`: bash ignores -e inside a command whose status a || tests, and a check
  # would then fail only on its last command.
  set +e
  (set -e; "$2") >"$out" 2>&1
  ok=$?
  set -e
  { echo "== $name"; cat "$out"; } >>"$WORK/logs/checks.log"
  if ((ok == 0)); then
    CHECKS_PASSED=$((CHECKS_PASSED + 1))
    log "  ok    $name ($((SECONDS - t0))s)"
  else
    CHECKS_FAILED+=("$name")
    log "  FAIL  $name ($((SECONDS - t0))s):"
    sed 's/^/          /' "$out" | tail -n 15 >&2
  fi
}
checks_summary() {
  log "$1: $CHECKS_PASSED passed, ${#CHECKS_FAILED[@]} failed"
  ((${#CHECKS_FAILED[@]} == 0)) || { log "failed: ${CHECKS_FAILED[*]}"; return 1; }
}
expect_eq() { [[ $1 == "$2" ]] || { echo "expected '$2', got '$1'"; return 1; }; }
expect_has() { [[ $1 == *"$2"* ]] || { echo "expected output containing '$2', got: $1"; return 1; }; }
