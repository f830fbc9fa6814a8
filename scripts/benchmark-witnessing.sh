#!/usr/bin/env bash
# What collecting a 2-of-3 quorum of cosignatures adds to an append, on
# loopback: three `declaration witness serve` processes are started (and
# stopped) by this script; N single-statement appends (`sign
# --registrar-key`) are timed on a registry without a witness policy and on
# one with it, and the medians and their difference are printed.
#
#   scripts/benchmark-witnessing.sh [N [SIZE]]
#
# N appends each (default 10; at most 200), on registries that start empty,
# or with SIZE entries (made by `declaration-benchmarks generate`, which
# must be built beside BIN): the consistency proofs are made from the
# ledger, so what collecting adds grows with the registry.
#
# BIN selects the binary (default: .build/release/declaration if built,
# else .build/debug/declaration). Bounded: N appends each, every witness
# request limited to 5 s, the witnesses stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
SIZE=${2:-0}
(( N >= 1 && N <= 200 )) || { echo "N must be 1 to 200" >&2; exit 64; }
(( SIZE >= 0 && SIZE <= 1000000 )) || { echo "SIZE must be 0 to 1000000" >&2; exit 64; }
BIN=${BIN:-}
if [[ -z "$BIN" ]]; then
    if [[ -x .build/release/declaration ]]; then BIN=.build/release/declaration; else BIN=.build/debug/declaration; fi
fi
[[ -x "$BIN" ]] || { echo "$BIN is not built; run swift build" >&2; exit 66; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

if (( SIZE > 0 )); then
    BENCH=$(dirname "$BIN")/declaration-benchmarks
    [[ -x "$BENCH" ]] || { echo "$BENCH is not built; run swift build -c release --product declaration-benchmarks" >&2; exit 66; }
    for name in plain witnessed; do
        "$BENCH" generate "gen-$name" "$SIZE" >/dev/null
        mv "gen-$name/registry" "$name"
        cp "gen-$name/keys/registrar" "$name.key"
        "$BIN" repair --registry "$name" >/dev/null
    done
    LOGKEY=$("$BIN" verify --registry witnessed --format json | sed -n 's/.*"checkpoint_key":"\([^"]*\)".*/\1/p')
else
    "$BIN" init --origin bench.example/plain --registrar-key plain.key --registry plain >/dev/null
    LOGKEY=$("$BIN" init --origin bench.example/witnessed --registrar-key witnessed.key --registry witnessed \
        | sed -n 's/^Checkpoint key (C2SP): //p')
fi
echo "log $LOGKEY" > logs
{ echo "log $LOGKEY"; } > policy
for i in 1 2 3; do
    "$BIN" keygen --out "w$i.key" >/dev/null 2>&1
    "$BIN" witness serve --key "w$i.key" --name "w$i.bench.example/w" --logs logs --listen 127.0.0.1:0 \
        --data "w$i-data" >"w$i.out" 2>"w$i.log" &
    PIDS+=($!)
done
for i in 1 2 3; do
    for _ in $(seq 100); do grep -q '^listening on ' "w$i.out" && break; sleep 0.05; done
    URL=$(sed -n 's/^listening on //p' "w$i.out")
    [[ -n "$URL" ]] || { echo "witness $i did not start: $(cat "w$i.log")" >&2; exit 74; }
    echo "witness w$i $("$BIN" witness key --key "w$i.key" --name "w$i.bench.example/w") $URL" >> policy
done
printf 'group two 2 w1 w2 w3\nquorum two\n' >> policy
"$BIN" witness policy --registry witnessed --set policy >/dev/null

append() { # registry, key, index
    "$BIN" keygen --out "s-$1-$3.key" >/dev/null 2>&1
    local start end
    start=$(now)
    "$BIN" sign --yes --key "s-$1-$3.key" --registry "$1" --registrar-key "$2" --kind government \
        --name "Town $3" --jurisdiction FR --representative Office --title Mayor --witness-timeout 5 >/dev/null 2>&1
    end=$(now)
    echo $(( (end - start) / 1000 ))
}
for i in $(seq "$N"); do append plain plain.key "$i" >> plain.times; done
for i in $(seq "$N"); do append witnessed witnessed.key "$i" >> witnessed.times; done

PLAIN=$(median < plain.times)
WITNESSED=$(median < witnessed.times)
echo "binary: $BIN"
echo "registry size: $((SIZE + 1)) to $((SIZE + N)) entries; $N appends each, one statement per append"
echo "median append without a witness policy: $(awk -v v="$PLAIN" 'BEGIN { printf "%.1f", v / 1000 }') ms"
echo "median append with a 2-of-3 policy (3 witnesses on loopback): $(awk -v v="$WITNESSED" 'BEGIN { printf "%.1f", v / 1000 }') ms"
echo "median added by collecting the quorum: $(awk -v a="$WITNESSED" -v b="$PLAIN" 'BEGIN { printf "%.1f", (a - b) / 1000 }') ms"
