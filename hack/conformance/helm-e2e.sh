#!/usr/bin/env bash
# The berth chart on the harness's cluster (cluster.sh runs it, KUBECONFIG set): the controller
# image from `make images` pushed to the local registry; `helm install`; two controller pods on
# berthd, one holding the Lease; a berth Service reconciled to ready Replicas; `helm upgrade` with a
# changed value; the leader's pod deleted and the standby taking over; `helm uninstall` leaving
# nothing of the release but the CRDs (Helm keeps crds/).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
: "${E2E_IMAGE:?}"

RELEASE=berth
RNS=berth-system
APP_NS=berth-helm-app
IMAGE=$REGISTRY/berth/controller
TAG=conformance
ARCHIVE=$REPO/dist/images/berth-controller.tar
k() { in_ns kubectl "$@"; }
h() { in_ns helm "$@"; }
controller_pods() { k -n "$RNS" get pods -l "app.kubernetes.io/instance=$RELEASE" --field-selector=status.phase=Running -o 'jsonpath={.items[*].metadata.name}'; }
# The Lease's holder is "<pod name>_<identity>"; this prints the pod name.
holder() {
  local id
  id=$(k -n "$RNS" get lease berth-controller -o 'jsonpath={.spec.holderIdentity}' 2>/dev/null)
  echo "${id%%_*}"
}
# True when the Lease is held by one of the Running controller pods (the holder is the pod's name).
leader_is_a_pod() { local hd; hd=$(holder); [[ -n $hd && " $(controller_pods) " == *" $hd "* ]]; }

command -v skopeo >/dev/null || die "skopeo is needed to push the controller image (apt-get install skopeo)"
if [[ ! -f $ARCHIVE || -n $(find "$REPO/dist/src" -newer "$ARCHIVE" -print -quit) ]]; then
  log "building the controller image (hack/images/build.mjs)"
  node "$REPO/hack/images/build.mjs" controller >&2
fi
skopeo copy --quiet --dest-tls-verify=false "oci-archive:$ARCHIVE" "docker://$IMAGE:$TAG"
log "helm $(in_ns helm version --short) with $IMAGE:$TAG"

install() {
  h install "$RELEASE" "$REPO/charts/berth" -n "$RNS" --create-namespace \
    --set "image.repository=$IMAGE" --set "image.tag=$TAG" --wait --timeout 180s
  expect_eq "$(controller_pods | wc -w)" 2
  wait_until 60 "a controller pod holding the Lease" leader_is_a_pod
  echo "leader: $(holder)"
}

service_reconciled() {
  k create namespace "$APP_NS"
  k -n "$APP_NS" apply -f - <<YAML
apiVersion: berth.dev/v1alpha1
kind: Service
metadata: {name: web}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{name: main, image: $E2E_IMAGE, command: [sleep, "3600"]}]
YAML
  k -n "$APP_NS" wait services.berth.dev/web --for=jsonpath='{.status.readyReplicas}'=2 --timeout=180s
}

# True when no pod of `before` (names, space-separated) is left.
none_left_of() {
  local p now
  now=" $(k -n "$RNS" get pods -l "app.kubernetes.io/instance=$RELEASE" -o 'jsonpath={.items[*].metadata.name}') "
  for p in $1; do [[ $now != *" $p "* ]] || return 1; done
}

upgrade() {
  local before
  before=$(controller_pods)
  h upgrade "$RELEASE" "$REPO/charts/berth" -n "$RNS" --reuse-values --set controller.logLevel=debug --wait --timeout 180s
  # The Deployment rolls: the old pods go, and one of the new ones leads within a lease term.
  wait_until 90 "the old controller pods gone" none_left_of "$before"
  wait_until 60 "a new pod holding the Lease" leader_is_a_pod
  expect_has "$(k -n "$RNS" get deploy -l "app.kubernetes.io/instance=$RELEASE" -o 'jsonpath={..args}')" "debug"
}

not_held_by() { [[ $(holder) != "$1" ]]; }

failover() {
  local old
  old=$(holder)
  k -n "$RNS" delete pod "$old" --wait=false
  wait_until 90 "another pod taking the Lease" not_held_by "$old"
  wait_until 60 "a Running pod holding the Lease" leader_is_a_pod
  echo "leader: $old -> $(holder)"
}

release_objects() {
  k get all,serviceaccounts,roles,rolebindings,poddisruptionbudgets,leases -n "$RNS" -l "app.kubernetes.io/instance=$RELEASE" -o name
  k get clusterroles,clusterrolebindings -l "app.kubernetes.io/instance=$RELEASE" -o name
}
nothing_left() { [[ -z $(release_objects) ]]; }

uninstall() {
  k delete namespace "$APP_NS" --wait=true --timeout=120s
  h uninstall "$RELEASE" -n "$RNS" --wait --timeout 120s
  # The Deployment's pods are deleted by the garbage collector after uninstall returns.
  wait_until 90 "nothing of the release left" nothing_left || { echo "left after helm uninstall:"; release_objects; return 1; }
  k get crd services.berth.dev replicas.berth.dev -o name # kept, as Helm keeps crds/
  k delete namespace "$RNS" --wait=true --timeout=120s
}

check "helm install: 2 controller pods on berthd, one leader" install
check "a berth Service reconciled to 2 ready Replicas" service_reconciled
check "helm upgrade rolls the controller, a new pod leads" upgrade
check "deleting the leader's pod fails over" failover
check "helm uninstall leaves nothing of the release" uninstall
checks_summary "helm checks"
