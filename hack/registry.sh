#!/usr/bin/env bash
# Local OCI registries for tests and benchmarks (Debian's docker-registry), on loopback only:
#   127.0.0.1:5000  anonymous
#   127.0.0.1:5001  htpasswd Basic auth (user "berth", password "berth-secret")
# Usage: hack/registry.sh start|stop|status. `start` is idempotent.
set -euo pipefail

BASE=${BERTH_REGISTRY_DIR:-/var/tmp/berth-registry}
REGISTRY_BIN=${REGISTRY_BIN:-docker-registry}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_config() { # name port [auth]
  local name=$1 port=$2 auth=${3:-}
  mkdir -p "$BASE/$name/data"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage:"
    echo "  filesystem: {rootdirectory: $BASE/$name/data}"
    echo "  delete: {enabled: true}"
    echo "http: {addr: 127.0.0.1:$port}"
    if [[ -n "$auth" ]]; then
      echo "auth: {htpasswd: {realm: berth-test, path: $BASE/$name/htpasswd}}"
    fi
  } >"$BASE/$name/config.yml"
}

start_one() { # name port [auth]
  local name=$1 port=$2
  if listening "$port"; then return 0; fi
  write_config "$@"
  if [[ -n "${3:-}" ]]; then htpasswd -Bbc "$BASE/$name/htpasswd" berth berth-secret >/dev/null 2>&1; fi
  setsid nohup "$REGISTRY_BIN" serve "$BASE/$name/config.yml" >"$BASE/$name/log" 2>&1 </dev/null &
  echo $! >"$BASE/$name/pid"
  for _ in $(seq 1 100); do
    listening "$port" && { echo "registry $name on 127.0.0.1:$port"; return 0; }
    sleep 0.1
  done
  echo "registry $name did not start; log:" >&2
  cat "$BASE/$name/log" >&2
  return 1
}

stop_one() {
  local pidfile="$BASE/$1/pid"
  [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

case "${1:-start}" in
  start)
    if ! command -v "$REGISTRY_BIN" >/dev/null; then
      echo "docker-registry not installed (hack/deps.sh installs it); registry tests will skip" >&2
      exit 0
    fi
    start_one plain 5000
    start_one auth 5001 htpasswd
    ;;
  stop) stop_one plain; stop_one auth ;;
  status) for p in 5000 5001; do listening $p && echo "127.0.0.1:$p up" || echo "127.0.0.1:$p down"; done ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
