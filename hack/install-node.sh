#!/usr/bin/env bash
# Installs berthd on a Kubernetes node (or removes it with --uninstall). Idempotent: running it
# again upgrades the installed tree and keeps the configuration.
#
#   hack/install-node.sh                       # from this checkout (run `make build` first)
#   hack/install-node.sh --from berth.tar.gz   # from a release tarball (a berth/ tree inside)
#   hack/install-node.sh --uninstall [--purge]
#
# It writes:
#   <prefix> (default /opt/berth)          package.json, dist/ (with dist/bin/berth-runtime), node_modules/
#   /usr/local/bin/berth                   wrapper: node <prefix>/dist/src/cli.js "$@"
#   /etc/systemd/system/berthd.service     KillMode=process (containers survive berthd restarts), Delegate=yes
#   /etc/berth/config.yaml                 the embedded defaults, only if absent
#   /etc/cni/net.d/10-berth.conflist       a bridge network, only if no CNI configuration exists
#   /etc/modules-load.d/berth.conf, /etc/sysctl.d/99-berth.conf   overlay, br_netfilter, ip_forward
# and prints the kubelet flags that point kubelet at berthd.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: install-node.sh [options]
  --from <dir|tarball>  what to install: a built checkout (default: this script's repository) or a
                        release tarball holding a berth/ tree (dist/, node_modules/, package.json)
  --prefix <dir>        where the tree goes (default /opt/berth)
  --bindir <dir>        where the `berth` wrapper goes (default /usr/local/bin)
  --node <path>         Node.js >= 20 to run berthd with (default: <tree>/bin/node, else `node` on PATH)
  --root-dir <dir>      install below this directory instead of / (images, packaging, tests);
                        implies --no-start
  --no-start            do not run systemctl / modprobe / sysctl
  --no-cni              never write the CNI default (the cluster's CNI, e.g. kindnet, brings its own)
  --dry-run             print what would be done, change nothing
  --uninstall           stop and remove berthd (keeps /etc/berth, /var/lib/berth; see --purge)
  --purge               with --uninstall: also remove /etc/berth, /var/lib/berth and /run/berth
  -h, --help            this text
USAGE
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FROM="$(dirname "$SCRIPT_DIR")"
PREFIX=/opt/berth
BINDIR=/usr/local/bin
ROOT=
NODE_BIN=
START=1
CNI=1
DRY_RUN=0
UNINSTALL=0
PURGE=0
SOCKET=/run/berth/berth.sock

die() {
  echo "install-node: $*" >&2
  exit 1
}

while (($#)); do
  case "$1" in
    --from) FROM=${2:?--from needs a value}; shift 2 ;;
    --prefix) PREFIX=${2:?--prefix needs a value}; shift 2 ;;
    --bindir) BINDIR=${2:?--bindir needs a value}; shift 2 ;;
    --node) NODE_BIN=${2:?--node needs a value}; shift 2 ;;
    --root-dir) ROOT=${2:?--root-dir needs a value}; START=0; shift 2 ;;
    --no-start) START=0; shift ;;
    --no-cni) CNI=0; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    --uninstall) UNINSTALL=1; shift ;;
    --purge) PURGE=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

[[ $PREFIX == /* ]] || die "--prefix must be absolute: $PREFIX"
[[ $BINDIR == /* ]] || die "--bindir must be absolute: $BINDIR"
if [[ -n $ROOT ]]; then ROOT=$(realpath -m "$ROOT"); fi

# Paths on the node as berthd sees them, and where this run writes them (below --root-dir).
UNIT=/etc/systemd/system/berthd.service
CONFIG=/etc/berth/config.yaml
CNI_DIR=/etc/cni/net.d
CNI_CONF=$CNI_DIR/10-berth.conflist
MODULES=/etc/modules-load.d/berth.conf
SYSCTL=/etc/sysctl.d/99-berth.conf
at() { printf '%s%s' "$ROOT" "$1"; }

# run <command...>: runs it, or prints it under --dry-run.
run() {
  if ((DRY_RUN)); then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# write_file <path> <mode>: writes stdin to the file atomically (temp + rename).
write_file() {
  local dest=$1 mode=$2
  if ((DRY_RUN)); then
    echo "+ write $dest (mode $mode)"
    cat >/dev/null
    return
  fi
  mkdir -p "$(dirname "$dest")"
  local tmp
  tmp=$(mktemp "$dest.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$dest"
}

have_systemd() { ((START)) && [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; }

uninstall() {
  if have_systemd; then
    # Only berthd stops: KillMode=process leaves running containers' monitors alone.
    run systemctl disable --now berthd.service || true
  fi
  run rm -f "$(at "$UNIT")" "$(at "$BINDIR/berth")" "$(at "$MODULES")" "$(at "$SYSCTL")"
  run rm -rf "$(at "$PREFIX")"
  # The CNI default is ours only if it still carries our marker.
  if [[ -f $(at "$CNI_CONF") ]] && grep -q '"name": "berth"' "$(at "$CNI_CONF")"; then
    run rm -f "$(at "$CNI_CONF")"
  fi
  if ((PURGE)); then
    run rm -rf "$(at /etc/berth)" "$(at /var/lib/berth)" "$(at /run/berth)"
  fi
  if have_systemd; then run systemctl daemon-reload; fi
  if ((PURGE)); then
    echo "berthd removed, with its configuration and state."
  else
    echo "berthd removed; kept $CONFIG and /var/lib/berth (--purge removes them)."
  fi
}

# Resolves --from into a directory holding package.json + dist/; tarballs are unpacked to a temp dir.
source_tree() {
  local src=$FROM
  if [[ -f $src ]]; then
    WORK=$(mktemp -d)
    tar -xzf "$src" -C "$WORK"
    if [[ -d $WORK/berth ]]; then src=$WORK/berth; else src=$WORK; fi
  fi
  [[ -f $src/package.json ]] || die "$src has no package.json: not a berth tree"
  [[ -f $src/dist/src/cli.js ]] || die "$src/dist/src/cli.js is missing: run \`make build\` first"
  [[ -x $src/dist/bin/berth-runtime ]] || die "$src/dist/bin/berth-runtime is missing: run \`make build\` first"
  [[ -d $src/node_modules ]] || die "$src/node_modules is missing: run \`make build\` (or npm ci) first"
  SRC=$src
}

# Picks Node.js >= 20: the tree's own bin/node (release tarballs may bundle it) or the one on PATH.
pick_node() {
  if [[ -z $NODE_BIN ]]; then
    if [[ -x $SRC/bin/node ]]; then NODE_BIN=$PREFIX/bin/node; else NODE_BIN=$(command -v node || true); fi
  fi
  [[ -n $NODE_BIN ]] || die "Node.js >= 20 not found: install it (https://nodejs.org) or pass --node"
  local probe=$NODE_BIN
  [[ $probe == "$PREFIX/bin/node" ]] && probe=$SRC/bin/node
  local major
  major=$("$probe" -p 'process.versions.node.split(".")[0]') || die "$NODE_BIN does not run"
  ((major >= 20)) || die "$NODE_BIN is Node.js $major; berth needs 20 or newer"
  PROBE_NODE=$probe
}

install_tree() {
  local dest staged
  dest=$(at "$PREFIX")
  staged="$dest.new"
  run rm -rf "$staged"
  run mkdir -p "$staged"
  run cp -a "$SRC/package.json" "$SRC/dist" "$SRC/node_modules" "$staged/"
  if [[ -f $SRC/package-lock.json ]]; then run cp -a "$SRC/package-lock.json" "$staged/"; fi
  if [[ -d $SRC/bin ]]; then run cp -a "$SRC/bin" "$staged/"; fi
  # Development packages are not needed on a node; pruning works offline.
  if command -v npm >/dev/null && [[ -f $SRC/package-lock.json ]]; then
    run npm --prefix "$staged" prune --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error
  fi
  # Swap in one rename so a running berthd (restarted below) never sees a half-copied tree.
  run rm -rf "$dest.old"
  if [[ -e $dest ]]; then run mv "$dest" "$dest.old"; fi
  run mv "$staged" "$dest"
  run rm -rf "$dest.old"
}

install_wrapper() {
  write_file "$(at "$BINDIR/berth")" 0755 <<WRAPPER
#!/bin/sh
# berth: installed by hack/install-node.sh
exec "$NODE_BIN" "$PREFIX/dist/src/cli.js" "\$@"
WRAPPER
}

install_unit() {
  sed "s|@BINDIR@|$BINDIR|g" "$SCRIPT_DIR/berthd.service" | write_file "$(at "$UNIT")" 0644
}

install_config() {
  if [[ -f $(at "$CONFIG") ]]; then
    echo "keeping existing $CONFIG"
    return
  fi
  {
    echo "# berthd configuration. Every key has an embedded default; \`berth config defaults\` lists them,"
    echo "# \`berth config show --config $CONFIG\` shows the effective values. Written by install-node.sh."
    if ((DRY_RUN)); then echo "# (defaults)"; else "$PROBE_NODE" "$SRC/dist/src/cli.js" config defaults; fi
  } | write_file "$(at "$CONFIG")" 0644
}

install_cni_default() {
  local dir
  dir=$(at "$CNI_DIR")
  if compgen -G "$dir/*.conflist" >/dev/null || compgen -G "$dir/*.conf" >/dev/null ||
    compgen -G "$dir/*.json" >/dev/null; then
    echo "keeping the CNI configuration in $CNI_DIR"
    return
  fi
  # The same network berthd embeds, written out so it is visible and editable; a cluster CNI
  # (Calico, Cilium, flannel, kindnet) installs its own file, which sorts first or replaces this.
  write_file "$(at "$CNI_CONF")" 0644 <<'CNI'
{
  "cniVersion": "1.0.0",
  "name": "berth",
  "plugins": [
    { "type": "loopback" },
    {
      "type": "bridge",
      "bridge": "berth0",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "forceAddress": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "10.88.0.0/16" }]],
        "routes": [{ "dst": "0.0.0.0/0" }],
        "dataDir": "/var/lib/berth/network/ipam"
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true }, "snat": true },
    { "type": "bandwidth", "capabilities": { "bandwidth": true } }
  ]
}
CNI
  local found=0 d
  for d in /opt/cni/bin /usr/lib/cni; do [[ -x $(at "$d")/bridge ]] && found=1; done
  if ((!found)); then
    echo "note: no CNI plugins in /opt/cni/bin or /usr/lib/cni: apt-get install containernetworking-plugins" >&2
  fi
}

install_kernel_settings() {
  printf 'overlay\nbr_netfilter\n' | write_file "$(at "$MODULES")" 0644
  printf 'net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\n' |
    write_file "$(at "$SYSCTL")" 0644
  if ((START)); then
    run modprobe overlay || true
    run modprobe br_netfilter || true
    run sysctl --quiet --system || true
  fi
}

start_service() {
  if ! have_systemd; then
    echo "systemd not used here: start berthd with \`systemctl enable --now berthd\` on the node"
    return
  fi
  run systemctl daemon-reload
  run systemctl enable berthd.service
  # An upgrade restarts berthd only; containers keep running under their monitors.
  run systemctl restart berthd.service
  if ((!DRY_RUN)); then
    for _ in $(seq 1 50); do
      [[ -S $SOCKET ]] && break
      sleep 0.2
    done
    [[ -S $SOCKET ]] || die "berthd did not create $SOCKET: journalctl -u berthd -n 50"
  fi
}

print_kubelet_flags() {
  cat <<EOF_FLAGS

berthd is installed. Point kubelet at it:
  kubelet flag:             --container-runtime-endpoint=unix://$SOCKET
  KubeletConfiguration:     containerRuntimeEndpoint: unix://$SOCKET
                            cgroupDriver: cgroupfs
  kubeadm (init/join):      nodeRegistration.criSocket: unix://$SOCKET
then restart kubelet (systemctl restart kubelet). Check the node with:
  berth doctor
  crictl --runtime-endpoint unix://$SOCKET info
EOF_FLAGS
}

WORK=
cleanup() { if [[ -n $WORK ]]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT

if ((UNINSTALL)); then
  uninstall
  exit 0
fi
if ((START)) && ((!DRY_RUN)) && [[ $(id -u) -ne 0 ]]; then die "run as root (or use --root-dir / --dry-run)"; fi
source_tree
pick_node
install_tree
install_wrapper
install_unit
install_config
if ((CNI)); then install_cni_default; fi
install_kernel_settings
start_service
print_kubelet_flags
