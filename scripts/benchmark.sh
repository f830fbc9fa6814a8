#!/bin/sh
# Measures the registry commands on generated registries; see docs/PERFORMANCE.md.
#
# Usage: scripts/benchmark.sh [SIZE ...]       (default: 1000 10000 100000)
# Environment: RUNS (default 5) runs per figure, medians printed;
#              RUNS_LARGE (default 3) runs per figure at 100,000 entries or more;
#              KEEP=1 keeps the generated registries (their path is printed).
#
# Builds in release mode, measures OpenSSL's single-core Ed25519 verify rate
# (`openssl speed -seconds 3 ed25519`), then for each size generates a valid
# registry (5% withdrawals) and prints the median, minimum and maximum of:
#   verify       full `declaration verify`: entries/s, ratio to OpenSSL x cores, peak RSS
#   verify-since `declaration verify --since` a checkpoint 100 entries back
#   sign         one `declaration sign --registrar-key` appending to the registry
#   append       `declaration append` of 1,000 statement files
#   proof        `declaration proof --entry` the middle entry, and `proof --key` a
#                signatory who signed last (both hash every ledger line), when
#                the command exists
#   export       `declaration export --format csv|html --since` the same checkpoint
#                as verify-since, and once in full (csv), when the command exists
#   publish      `declaration publish` to a new site, then after each of RUNS
#                appends of one entry, when the command exists
set -eu
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
runs_large="${RUNS_LARGE:-3}"
sizes="${*:-1000 10000 100000}"

swift build -c release --product declaration >&2
swift build -c release --product declaration-benchmarks >&2
bin="$(swift build -c release --show-bin-path)"
declaration="$bin/declaration"
bench="$bin/declaration-benchmarks"

work="$(mktemp -d "${TMPDIR:-/tmp}/declaration-benchmark.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    echo "registries kept in $work" >&2
else
    trap 'rm -rf "$work"' EXIT INT TERM
fi

cores="$(nproc)"
openssl_rate="$(openssl speed -seconds 3 ed25519 2>/dev/null | awk '/Ed25519/ { rate = $NF } END { print rate }')"
echo "machine: $cores cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "openssl: $(openssl version); Ed25519 verify ${openssl_rate}/s on one core; x $cores cores = $(awk -v r="$openssl_rate" -v c="$cores" 'BEGIN { printf "%.0f", r * c }')/s"
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"

# Prints "median min max" of the numbers on standard input (one a line).
stats() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'
}

# measure FILE COMMAND...: runs COMMAND once, appends "seconds peak-KiB" to FILE.
measure() {
    file="$1"
    shift
    "$bench" measure "$@" >>"$file"
}

# report LABEL FILE [ENTRIES]: prints the median (min-max) of the times in
# FILE, and with ENTRIES the rate and the ratio to OpenSSL on every core.
report() {
    label="$1"; file="$2"; entries="${3:-}"
    set -- $(cut -d ' ' -f 1 "$file" | stats)
    median="$1"; low="$2"; high="$3"
    set -- $(cut -d ' ' -f 2 "$file" | stats)
    rss="$1"
    count="$(wc -l <"$file")"
    if [ -n "$entries" ]; then
        awk -v l="$label" -v m="$median" -v lo="$low" -v hi="$high" -v n="$entries" -v r="$openssl_rate" -v c="$cores" -v k="$rss" -v runs="$count" 'BEGIN {
            printf "  %-13s %8.3f s (%.3f-%.3f, %d runs)  %8.0f entries/s  %.2f x openssl x cores  peak RSS %.1f MiB\n", l, m, lo, hi, runs, n / m, n / m / (r * c), k / 1024 }'
    else
        awk -v l="$label" -v m="$median" -v lo="$low" -v hi="$high" -v k="$rss" -v runs="$count" 'BEGIN {
            printf "  %-13s %8.3f s (%.3f-%.3f, %d runs)  peak RSS %.1f MiB\n", l, m, lo, hi, runs, k / 1024 }'
    fi
}

has_export=0
if "$declaration" --help 2>/dev/null | grep -Eq '^[[:space:]]+export([[:space:]]|$)'; then has_export=1; fi

for size in 0 $sizes; do
    n="$runs"
    if [ "$size" -ge 100000 ]; then n="$runs_large"; fi
    dir="$work/$size"
    start="$(date +%s.%N)"
    "$bench" generate "$dir" "$size"
    generated="$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
    registry="$dir/registry"
    # Build the derived state beside the ledger once, as a registry in use
    # has it; appends and signs then read only the ledger's tail.
    "$declaration" repair --registry "$registry" >/dev/null
    echo
    echo "== $size entries (generated in ${generated}s; $(du -h "$registry/ledger.jsonl" | cut -f 1) ledger; $n runs)"

    # A copy that is only ever read, for verify and export.
    if [ "$size" -gt 0 ]; then
        : >"$dir/verify.times"
        i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
            measure "$dir/verify.times" "$declaration" verify --registry "$registry"
        done
        report verify "$dir/verify.times" "$size"
    fi
    has_proof=0
    if "$declaration" proof --help >/dev/null 2>&1; then has_proof=1; fi
    if [ "$has_proof" = 1 ] && [ "$size" -gt 0 ]; then
        : >"$dir/proof.times"
        i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
            measure "$dir/proof.times" "$declaration" proof --registry "$registry" --entry $(((size + 1) / 2))
        done
        report "proof --entry" "$dir/proof.times"
    fi

    # Batch append, each run on a fresh copy (the statements go in once).
    : >"$dir/append.times"
    i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
        rm -rf "$dir/append-copy"
        cp -a "$registry" "$dir/append-copy"
        # Flush the copy first, as a registry in use is on disk: otherwise the
        # append's one fsync would also write out the whole fresh copy.
        sync
        measure "$dir/append.times" "$declaration" append --registry "$dir/append-copy" \
            --registrar-key "$dir/keys/registrar" "$dir"/batch/*.json
    done
    rm -rf "$dir/append-copy"
    report "append 1000" "$dir/append.times"

    # One sign per run, each by a fresh signatory: the registry grows by one
    # entry a run. Then --since the checkpoint from before those entries, plus
    # 100 more so that the new entries number 100 (when the registry has them).
    cp "$registry/checkpoint" "$dir/checkpoint.before-sign"
    : >"$dir/sign.times"
    i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
        measure "$dir/sign.times" "$declaration" sign --registry "$registry" --registrar-key "$dir/keys/registrar" \
            --key "$dir/keys/signer-$i" --yes --kind government --name "Benchmark Town $i" --jurisdiction FR \
            --representative "Office of the Mayor" --title Mayor
    done
    report sign "$dir/sign.times"
    if [ "$has_proof" = 1 ]; then
        : >"$dir/proof-key.times"
        i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
            measure "$dir/proof-key.times" "$declaration" proof --registry "$registry" --key "$dir/keys/signer-1.pub"
        done
        report "proof --key" "$dir/proof-key.times"
    fi

    if [ "$size" -gt 0 ] && "$declaration" verify --help 2>/dev/null | grep -q -- --since; then
        # A checkpoint 100 entries back: append the first 100 - n batch statements after it.
        extra=$((100 - n))
        "$declaration" append --registry "$registry" --registrar-key "$dir/keys/registrar" \
            $(ls "$dir"/batch/*.json | head -n "$extra") >/dev/null
        : >"$dir/since.times"
        i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
            measure "$dir/since.times" "$declaration" verify --registry "$registry" --since "$dir/checkpoint.before-sign"
        done
        report "verify --since" "$dir/since.times"
    fi

    if [ "$has_export" = 1 ] && [ "$size" -gt 0 ]; then
        # Exports as a registrar publishes them: from the checkpoint saved
        # after the last verification (--since), here 100 entries back, and
        # once in full for comparison. Written to standard output, which the
        # measurement discards.
        for format in csv html; do
            : >"$dir/export-$format.times"
            i=0; while [ "$i" -lt "$n" ]; do i=$((i + 1))
                measure "$dir/export-$format.times" "$declaration" export --registry "$registry" --format "$format" \
                    --since "$dir/checkpoint.before-sign"
            done
            report "export $format" "$dir/export-$format.times"
        done
        : >"$dir/export-full.times"
        measure "$dir/export-full.times" "$declaration" export --registry "$registry" --format csv
        report "export full" "$dir/export-full.times"
    fi
    if [ "$has_export" = 0 ] && [ "$size" -gt 0 ]; then
        echo "  export        skipped: this build has no \`declaration export\`"
    fi
    # Publish: to a new site (every tile and bundle from the whole ledger),
    # then after each of n appends of one entry (only the new files).
    if "$declaration" publish --help >/dev/null 2>&1; then
        rm -rf "$dir/site"
        : >"$dir/publish-new.times"
        measure "$dir/publish-new.times" "$declaration" publish --registry "$registry" --to "$dir/site"
        report "publish new" "$dir/publish-new.times"
        : >"$dir/publish.times"
        for statement in $(ls "$dir"/batch/*.json | tail -n "$n"); do
            "$declaration" append --registry "$registry" --registrar-key "$dir/keys/registrar" "$statement" >/dev/null
            measure "$dir/publish.times" "$declaration" publish --registry "$registry" --to "$dir/site"
        done
        report "publish 1 new" "$dir/publish.times"
        rm -rf "$dir/site"
    fi
    rm -rf "$dir/batch"
done
