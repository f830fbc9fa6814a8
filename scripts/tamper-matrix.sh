#!/usr/bin/env bash
# The full tamper matrix (docs/TESTING.md): a registry of ENTRIES entries
# with withdrawals, CHANGES random single-byte changes over every file, and
# every line deleted, swapped, duplicated, truncated, rolled back, re-signed
# and replayed; verify must refuse each change and name the right place.
#
#   scripts/tamper-matrix.sh [ENTRIES] [CHANGES] [SEED]     (default 240 2400 2016)
#
# Prints the figures; exits non-zero if any change went undetected or was
# misplaced, or if the run crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-240}
changes=${2:-2400}
seed=${3:-2016}
report=$(mktemp)
trap 'rm -f "$report"' EXIT
set +e
TAMPER_MATRIX_ENTRIES=$entries TAMPER_MATRIX_CHANGES=$changes TAMPER_MATRIX_SEED=$seed TAMPER_MATRIX_LINE_STRIDE=1 \
TAMPER_MATRIX_REPORT=$report \
    swift test --filter 'TamperMatrixTests/everyChangeIsDetectedAtTheRightPlace' > "$report.log" 2>&1
status=$?
set -e
if [ -s "$report" ]; then
    cat "$report"
else
    echo "no figures: the run crashed or did not build (exit $status); log: $report.log" >&2
    exit 1
fi
# The figures are written before the test's expectations are checked, so a
# run that crashed (killed by a signal: exit above 128) wrote none.
if [ $status -gt 128 ]; then echo "crashes: 1 (exit $status, log: $report.log)"; else echo "crashes: 0"; fi
rm -f "$report.log"
exit $status
