#!/usr/bin/env bash
# The checks a user makes on a fresh node (cluster.sh runs them, KUBECONFIG set): the runtime, a
# Deployment, logs, exec, exec -i, attach, port-forward, pod-to-pod and host-to-pod TCP, a shared PID
# namespace, a pod with its own user namespace (hostUsers: false, where the version has it),
# nothing left behind by deleted pods, a namespace that deletes.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
: "${E2E_IMAGE:?}" "${NODE:?}"
USERNS=${USERNS:-0}

NS=berth-checks
k() { in_ns kubectl "$@"; }
runtime_is_berth() {
  expect_has "$(k get node "$NODE" -o 'jsonpath={.status.nodeInfo.containerRuntimeVersion}')" "berth://"
}

deployment_available() {
  k create namespace "$NS"
  k -n "$NS" apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: web
        image: $E2E_IMAGE
        command: [sh, -c, 'echo "started \$(hostname)"; mkdir -p /www; echo "hello from \$(hostname)" > /www/index.html; exec httpd -f -p 8080 -h /www']
        ports: [{containerPort: 8080}]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
YAML
  k -n "$NS" rollout status deploy/web --timeout=180s
  expect_eq "$(k -n "$NS" get deploy web -o 'jsonpath={.status.availableReplicas}')" 2
}

pods() { k -n "$NS" get pods -l app=web -o 'jsonpath={range .items[*]}{.metadata.name} {.status.podIP}{"\n"}{end}'; }

logs() { expect_has "$(k -n "$NS" logs deploy/web)" "started web-"; }
exec_plain() { expect_eq "$(k -n "$NS" exec deploy/web -- echo exec-ok)" exec-ok; }
exec_stdin() { expect_eq "$(printf 'stdin-ok\n' | k -n "$NS" exec -i deploy/web -- cat)" stdin-ok; }

attach() {
  k -n "$NS" apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata: {name: attacher}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: $E2E_IMAGE
    stdin: true
    command: [sh, -c, 'while read l; do echo "got:\$l"; done']
YAML
  k -n "$NS" wait pod/attacher --for=condition=Ready --timeout=60s
  expect_has "$(printf 'ping\n' | in_ns timeout 30 kubectl attach -i -n "$NS" attacher -c main 2>/dev/null || true)" "got:ping"
}

port_forward() {
  local pod port=18080 out pid
  pod=$(pods | awk 'NR == 1 { print $1 }')
  in_ns kubectl -n "$NS" port-forward "pod/$pod" "$port:8080" >"$WORK/logs/port-forward.log" 2>&1 &
  pid=$!
  out=$(for _ in $(seq 40); do in_ns curl -fsS "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.5; done)
  kill "$pid" 2>/dev/null || true
  expect_eq "$out" "hello from $pod"
}

pod_to_pod() {
  local a b ipb
  read -r a _ < <(pods | sed -n 1p)
  read -r b ipb < <(pods | sed -n 2p)
  expect_eq "$(k -n "$NS" exec "$a" -- wget -qO- "http://$ipb:8080/")" "hello from $b"
}

host_to_pod() {
  local a ipa
  read -r a ipa < <(pods | sed -n 1p)
  expect_eq "$(in_ns curl -fsS "http://$ipa:8080/")" "hello from $a"
}

shared_pid_namespace() {
  k -n "$NS" apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  shareProcessNamespace: true
  terminationGracePeriodSeconds: 1
  containers:
  - {name: a, image: $E2E_IMAGE, command: [sleep, "3600"]}
  - {name: b, image: $E2E_IMAGE, command: [sleep, "3601"]}
YAML
  k -n "$NS" wait pod/shared --for=condition=Ready --timeout=60s
  expect_has "$(k -n "$NS" exec shared -c a -- ps)" "sleep 3601"
}

# kubelet picks the pod's range (a multiple of 65536, never 0) and berthd makes the namespace: root
# inside is a host id other than 0, and the image's files are root's inside (id-mapped layers).
host_users_false() {
  k -n "$NS" apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata: {name: userns}
spec:
  hostUsers: false
  terminationGracePeriodSeconds: 1
  containers:
  - {name: main, image: $E2E_IMAGE, command: [sleep, "3600"]}
YAML
  k -n "$NS" wait pod/userns --for=condition=Ready --timeout=60s
  local map
  map=$(k -n "$NS" exec userns -- cat /proc/self/uid_map)
  echo "uid_map: $map"
  read -r inside outside size <<<"$map"
  expect_eq "$inside" 0
  [[ $outside -ge 65536 && $size -ge 65536 ]] || { echo "expected a range of kubelet's, got $map"; return 1; }
  expect_eq "$(k -n "$NS" exec userns -- sh -c 'id -u; stat -c %u /bin/busybox; touch /x && echo wrote')" $'0\n0\nwrote'
}

no_sandboxes() { [[ -z $(crictl_ns pods -q --namespace "$NS") ]]; }
no_pod_cgroup() { [[ -z $(find /sys/fs/cgroup/ -maxdepth 8 -type d -name "pod$1" 2>/dev/null) ]]; }

deleted_pods_leave_nothing() {
  local uids ids id uid t0=$SECONDS
  uids=$(k -n "$NS" get pods -o 'jsonpath={.items[*].metadata.uid}')
  ids=$(crictl_ns pods -q --namespace "$NS"; crictl_ns ps -a -q --label "io.kubernetes.pod.namespace=$NS")
  [[ -n $ids ]] || { echo "crictl lists no pod of namespace $NS"; return 1; }
  k -n "$NS" delete deploy web --wait=true --timeout=120s
  k -n "$NS" delete pod --all --wait=true --timeout=120s
  echo "pods deleted after $((SECONDS - t0))s"
  # Stopped sandboxes are removed by the kubelet's garbage collection, which runs once a minute.
  wait_until 90 "no pod sandboxes of $NS" no_sandboxes
  for id in $ids; do
    ! grep -q "$id" /proc/self/mountinfo || { echo "a mount of $id is left:"; grep "$id" /proc/self/mountinfo; return 1; }
    [[ ! -e $WORK/run/netns/$id ]] || { echo "the netns pin of $id is left"; return 1; }
    [[ -z $(find /sys/fs/cgroup/ -maxdepth 8 -type d -name "*$id*" 2>/dev/null) ]] || { echo "a cgroup of $id is left"; return 1; }
  done
  echo "sandboxes gone after $((SECONDS - t0))s"
  for uid in $uids; do # the kubelet removes a pod's cgroup once the runtime has emptied it
    wait_until 60 "pod $uid's cgroup removed" no_pod_cgroup "$uid" ||
      { find /sys/fs/cgroup/ -maxdepth 8 -type d -name "pod$uid"; return 1; }
  done
}

namespace_deletes() {
  k delete namespace "$NS" --wait=true --timeout=120s
  ! k get namespace "$NS" >/dev/null 2>&1
}

check "node runtime is berth://" runtime_is_berth
check "2-replica Deployment available" deployment_available
check "kubectl logs" logs
check "kubectl exec" exec_plain
check "kubectl exec -i" exec_stdin
check "kubectl attach" attach
check "kubectl port-forward" port_forward
check "pod-to-pod TCP" pod_to_pod
check "host-to-pod TCP" host_to_pod
check "shareProcessNamespace" shared_pid_namespace
[[ $USERNS == 1 ]] && check "hostUsers: false" host_users_false
check "deleted pods leave no cgroup, mount or netns" deleted_pods_leave_nothing
check "a namespace deletes" namespace_deletes

checks_summary "cluster checks"
