#!/usr/bin/env bash
# Fuzzes one of the registry's parsers with libFuzzer (docs/TESTING.md).
#
#   scripts/fuzz.sh TARGET [SECONDS]      (default 600)
#
# TARGET: ledger-line, statement, checkpoint, header, pem, manifest, text.
# The fuzzer lives in Fuzz/, its own package, built with
# -sanitize=fuzzer,address into .build-fuzz. The corpus starts from a demo
# registry's real files and is kept in .build-fuzz/corpus/TARGET between
# runs; crashes are written to .build-fuzz/crashes/. Prints libFuzzer's
# final line (executions, speed) and exits non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-600}
mkdir -p .build-fuzz
# The build's own status decides (with pipefail a grep after it could not).
if ! swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library > .build-fuzz/build.log 2>&1; then
    grep -E "error:" .build-fuzz/build.log >&2 || tail -20 .build-fuzz/build.log >&2
    echo "scripts/fuzz.sh: the fuzzer did not build (.build-fuzz/build.log)" >&2
    exit 1
fi
fuzzer=.build-fuzz/debug/fuzz-parsers
corpus=.build-fuzz/corpus/$target
crashes=.build-fuzz/crashes/$target
mkdir -p "$corpus" "$crashes"

if [ -z "$(ls -A "$corpus")" ]; then
    # Seeds: the files of a freshly built demo registry.
    swift build --product declaration > /dev/null 2>&1 || { echo "scripts/fuzz.sh: the tool did not build" >&2; exit 1; }
    demo=$(mktemp -d)
    trap 'rm -rf "$demo"' EXIT
    "$(swift build --show-bin-path)/declaration" demo --out "$demo/demo" > /dev/null
    registry=$demo/demo/registry
    case $target in
        ledger-line) split -l 1 -d "$registry/ledger.jsonl" "$corpus/line-"
                     for f in "$corpus"/line-*; do truncate -s -1 "$f"; done ;;
        statement)   n=0; while IFS= read -r line; do
                         n=$((n + 1)); printf '%s\n' "$line" | sed 's/.*"statement":\(.*\)}$/\1/' > "$corpus/statement-$n"
                     done < "$registry/ledger.jsonl" ;;
        checkpoint)  cp "$registry/checkpoint" "$corpus/" ;;
        header)      head -c -1 "$registry/registry.json" > "$corpus/header" ;;
        pem)         cp "$demo/demo/keys/registrar" "$demo/demo/keys/registrar.pub" "$corpus/" ;;
        manifest)    cp "$registry/declaration/manifest.json" "$corpus/" ;;
        text)        cp "$registry/declaration/"*.txt "$corpus/" ;;
        fields)      printf 'Paris' > "$corpus/name"; printf 'Ταΰγετος' > "$corpus/greek"
                     printf 'Straße ǅ İ' > "$corpus/latin"; printf 'https://www.paris.fr:443/a?b=%%C3%%A9#c' > "$corpus/website" ;;
        *) echo "unknown target $target" >&2; exit 64 ;;
    esac
fi

log=.build-fuzz/fuzz-$target.log
set +e
FUZZ_TARGET=$target "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" > "$log" 2>&1
status=$?
set -e
grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^#[0-9]+.*DONE" "$log" || tail -5 "$log"
echo "corpus: $(ls "$corpus" | wc -l) inputs; crashes: $(ls "$crashes" | wc -l); log: $log"
exit $status
