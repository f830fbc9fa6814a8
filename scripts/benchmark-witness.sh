#!/bin/sh
# Builds in release mode, starts `declaration witness serve` on a free
# loopback port and posts consistent, growing checkpoints of 64 logs to it,
# 16 in flight over keep-alive connections, bounded in count and time;
# prints requests/s and the latency's p50 and p99, then stops the server.
# Usage: scripts/benchmark-witness.sh [REQUESTS (5000) [SECONDS (20)]]
set -eu
cd "$(dirname "$0")/.."
requests="${1:-5000}"
seconds="${2:-20}"

swift build -c release --product declaration >&2
swift build -c release --product declaration-benchmarks >&2
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$bin/declaration" keygen --out "$work/witness.key" >/dev/null
"$bin/declaration-benchmarks" witness-logs "$work" 64
"$bin/declaration" witness serve --key "$work/witness.key" --name benchmark.example/witness \
    --logs "$work/logs" --listen 127.0.0.1:0 --data "$work/data" --log-level warning \
    >"$work/out" 2>"$work/err" &
server=$!
tries=0
until grep -q '^listening on ' "$work/out" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ] || ! kill -0 "$server" 2>/dev/null; then
        echo "the witness did not start:" >&2; cat "$work/err" >&2; exit 1
    fi
    sleep 0.05
done
url="$(sed -n 's/^listening on //p' "$work/out")"
echo "== witness on $url ($(nproc) cores; every answer is fsynced before it is sent)"
"$bin/declaration-benchmarks" witness-load "$url/add-checkpoint" "$work" 64 "$requests" "$seconds" 16
