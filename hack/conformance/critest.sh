#!/usr/bin/env bash
# critest v1.32 in mirror mode against the harness's berthd (run.sh starts it). Prints the tally and
# fails when a spec fails that critest-allowlist.txt does not name.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

out=$WORK/critest
rm -rf "$out" && mkdir -p "$out"
log "critest $(critest --version 2>/dev/null | awk '{print $3}') (log: $out/critest.log)"
# Serial: critest's -parallel needs the ginkgo binary, which the tools do not ship.
set +e
in_ns critest -runtime-endpoint "unix://$SOCK" -image-endpoint "unix://$SOCK" --ginkgo.no-color --ginkgo.json-report="$out/report.json" \
  ${BERTH_CRITEST_FOCUS:+--ginkgo.focus="$BERTH_CRITEST_FOCUS"} >"$out/critest.log" 2>&1
rc=$?
set -e
[[ -s $out/report.json ]] || { tail -n 30 "$out/critest.log" >&2; die "critest wrote no report (exit $rc)"; }
node "$HERE/critest-report.mjs" "$out/report.json" "$HERE/critest-allowlist.txt"
