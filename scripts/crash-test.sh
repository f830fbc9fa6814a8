#!/usr/bin/env bash
# Crash test (docs/TESTING.md): SIGKILLs `declaration append` and
# `declaration sign --registrar-key` at random moments, KILLS times, and
# checks after each kill that the registry verifies (exit 0) or reports an
# interrupted append (exit 2, never 1), that `declaration repair` or the next
# append recovers it, and at the end that no entry a process reported
# ("Recorded entry N") is missing.
#
#   scripts/crash-test.sh [KILLS] [SEED]        (default 200 1): runs until KILLS runs were killed
#   BIN=.build/debug/declaration scripts/crash-test.sh 20   # skip the release build
#
# Prints: kills, entries reported done, entries lost, and how verify classified
# the registry after each kill. Exits non-zero if an entry was lost or the
# ledger was ever damaged.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-200}
RANDOM=${2:-1}
source scripts/lib-registry.sh
new_registry crash.declaration-registry.example/test

reported=$work/reported      # one signatory name per entry a process reported done
: > "$reported"
after_kill_ok=0 after_kill_interrupted=0 damaged=0 completed=0 killed=0 repairs=0

# The time one uncrashed append takes sets the range of the random delays.
prepare() { # $1: iteration; writes key-$1 and, for appends, statement-$1
    "$BIN" keygen --out "$work/key-$1" > /dev/null
    if (( $1 % 2 == 1 )); then
        "$BIN" sign --yes --key "$work/key-$1" --registry "$registry" --out "$work/statement-$1" \
            --kind government --name "Crash Test Town $1" --jurisdiction FR \
            --representative "Office of the Mayor" --title Mayor > /dev/null 2>&1
    fi
}
command_for() { # $1: iteration
    if (( $1 % 2 == 1 )); then
        echo append --registrar-key "$work/registrar" --registry "$registry" "$work/statement-$1"
    else
        echo sign --yes --key "$work/key-$1" --registrar-key "$work/registrar" --registry "$registry" \
            --kind civil-society --name "Crash_Test_Group_$1" --jurisdiction DE \
            --representative Board --title Chair
    fi
}
record_output() { # $1: iteration, $2: output file
    # A process killed before its shell opened the output file printed nothing.
    [ -f "$2" ] || return 0
    if grep -q '^Recorded entry ' "$2"; then
        if (( $1 % 2 == 1 )); then echo "Crash Test Town $1"; else echo "Crash_Test_Group_$1"; fi >> "$reported"
    fi
}

prepare 0
start=$(date +%s%N)
# shellcheck disable=SC2046
"$BIN" $(command_for 0) > "$work/out-0" 2> /dev/null
record_output 0 "$work/out-0"
span=$(( ($(date +%s%N) - start) / 1000 ))       # microseconds
max_delay=$span

# Run until KILLS processes were killed before they could exit.
for (( i = 1; killed < kills; i++ )); do
    prepare "$i"
    # shellcheck disable=SC2046
    "$BIN" $(command_for "$i") > "$work/out-$i" 2> "$work/err-$i" &
    pid=$!
    delay=$(( (RANDOM * 32768 + RANDOM) % max_delay ))
    sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
    kill -KILL "$pid" 2> /dev/null || true
    set +e; { wait "$pid"; } 2> /dev/null; status=$?; set -e
    if (( status == 137 )); then killed=$((killed + 1)); else completed=$((completed + 1)); fi
    record_output "$i" "$work/out-$i"

    set +e; "$BIN" verify --registry "$registry" > /dev/null 2> "$work/verify-$i"; verdict=$?; set -e
    case $verdict in
        0) after_kill_ok=$((after_kill_ok + 1)) ;;
        2) after_kill_interrupted=$((after_kill_interrupted + 1))
           # Half the time repair now; otherwise the next append repairs.
           if (( RANDOM % 2 == 0 )); then
               "$BIN" repair --registry "$registry" > /dev/null 2>&1
               repairs=$((repairs + 1))
               "$BIN" verify --registry "$registry" > /dev/null || { echo "verify failed after repair ($i)" >&2; damaged=$((damaged + 1)); }
           fi ;;
        *) damaged=$((damaged + 1)); echo "after kill $i verify exited $verdict: $(cat "$work/verify-$i")" >&2 ;;
    esac
done

set +e; "$BIN" repair --registry "$registry" > /dev/null 2>&1; set -e
set +e; "$BIN" verify --registry "$registry" > /dev/null 2> "$work/verify-final"; final=$?; set -e
lost=0
while IFS= read -r name; do
    grep -qF "\"name\":\"$name\"" "$registry/ledger.jsonl" || { lost=$((lost + 1)); echo "lost: $name" >&2; }
done < "$reported"
entries=$(wc -l < "$registry/ledger.jsonl")

echo "runs: $((i - 1)) (killed before exit: $killed, ran to completion: $completed); delays 0-${max_delay} us"
echo "after each kill verify said: intact $after_kill_ok, interrupted (exit 2) $after_kill_interrupted, damaged $damaged"
echo "repairs run: $repairs (other interrupted appends were repaired by the next append)"
echo "entries reported done: $(wc -l < "$reported"); entries in the ledger: $entries; entries lost: $lost"
echo "final verify exit: $final"
# A kill between writing the checkpoint's temporary file and renaming it
# leaves that file behind: harmless (never read), but counted.
echo "leftover temporary files: $(find "$registry" -name '*.tmp-*' | wc -l); repair backups: $(find "$registry" -name 'ledger.removed-*' | wc -l)"
[ "$lost" -eq 0 ] && [ "$damaged" -eq 0 ] && [ "$final" -eq 0 ]
