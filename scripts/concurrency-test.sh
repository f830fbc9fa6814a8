#!/usr/bin/env bash
# Concurrency test (docs/TESTING.md): WRITERS processes each sign EACH
# statements into one registry at once (`declaration sign --registrar-key`),
# while a reader runs `declaration verify` in a loop. Every writer and every
# verify must exit 0; at the end all WRITERS*EACH entries are there and the
# chain and checkpoint verify.
#
#   scripts/concurrency-test.sh [WRITERS] [EACH]    (default 8 50)
#   BIN=.build/debug/declaration scripts/concurrency-test.sh 4 5   # skip the release build
set -euo pipefail
cd "$(dirname "$0")/.."
writers=${1:-8}
each=${2:-50}
source scripts/lib-registry.sh
new_registry concurrency.declaration-registry.example/test
for (( w = 0; w < writers; w++ )); do
    for (( n = 0; n < each; n++ )); do "$BIN" keygen --out "$work/key-$w-$n" > /dev/null; done
done

writer() { # $1: writer number; prints one exit status per line
    for (( n = 0; n < each; n++ )); do
        set +e
        "$BIN" sign --yes --key "$work/key-$1-$n" --registry "$registry" --registrar-key "$work/registrar" \
            --kind government --name "Writer $1 town $n" --jurisdiction FR \
            --representative "Office of the Mayor" --title Mayor > /dev/null 2>> "$work/errors-writers"
        echo $?
        set -e
    done > "$work/writer-$1"
}
reader() {
    : > "$work/reader"
    while [ ! -e "$work/done" ]; do
        set +e
        "$BIN" verify --registry "$registry" > /dev/null 2>> "$work/errors-reader"
        echo $? >> "$work/reader"
        set -e
    done
}

reader &
reader_pid=$!
start=$(date +%s)
pids=()
for (( w = 0; w < writers; w++ )); do writer "$w" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid"; done
touch "$work/done"
wait "$reader_pid"
elapsed=$(( $(date +%s) - start ))

writes=$(cat "$work"/writer-* | wc -l)
write_failures=$(cat "$work"/writer-* | grep -cv '^0$' || true)
reads=$(wc -l < "$work/reader")
read_failures=$(grep -cv '^0$' "$work/reader" || true)
set +e; "$BIN" verify --registry "$registry" > "$work/final" 2>&1; final=$?; set -e
entries=$(wc -l < "$registry/ledger.jsonl")
distinct=$(grep -o '"name":"Writer [0-9]* town [0-9]*"' "$registry/ledger.jsonl" | sort -u | wc -l)

echo "writers: $writers x $each = $writes signs, failed: $write_failures (${elapsed}s)"
echo "concurrent verifies: $reads, false errors: $read_failures"
echo "ledger entries: $entries (distinct signatories: $distinct); final verify exit: $final"
grep -E "Entries|Checkpoint" "$work/final" || true
if grep -q "^error" "$work/errors-writers" 2> /dev/null; then
    echo "writer errors:"; grep "^error" "$work/errors-writers" | sort | uniq -c | head
fi
[ -s "$work/errors-reader" ] && { echo "reader errors:"; sort "$work/errors-reader" | uniq -c | head; }
[ "$write_failures" -eq 0 ] && [ "$read_failures" -eq 0 ] && [ "$final" -eq 0 ] \
    && [ "$entries" -eq $(( writers * each )) ] && [ "$distinct" -eq $(( writers * each )) ]
