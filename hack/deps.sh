#!/usr/bin/env bash
# Installs the Debian packages Berth's build and tests need, only those missing. Needs root to
# install; without root it only reports what is missing.
set -euo pipefail

PACKAGES=(
  gcc make pkg-config libc6-dev libseccomp-dev libjson-c-dev   # native helper
  busybox-static                                                # content of test images
  docker-registry apache2-utils                                 # local OCI registry (+ htpasswd)
  containernetworking-plugins iproute2 iptables                 # pod networking
  runc                                                          # reference OCI runtime
  zstd attr ca-certificates shellcheck                                    # zstd layers; setfattr for layer xattrs
  e2fsprogs                                                     # chattr +T: snapshots spread over ext4 groups
)
# Peers measured by the benchmarks: `BERTH_BENCH_DEPS=1 hack/deps.sh` adds them.
if [[ "${BERTH_BENCH_DEPS:-0}" == "1" ]]; then PACKAGES+=(containerd crun); fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages (run as root to install): ${missing[*]}" >&2
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
