#!/bin/sh
# Builds the benchmark harness in release mode and prints its Ed25519 and
# SHA-256 figures next to OpenSSL's own, measured on the same machine.
# Usage: scripts/benchmark-crypto.sh [SECONDS per measurement, default 3]
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-3}"

swift build -c release --product declaration-benchmarks >&2
binary="$(swift build -c release --show-bin-path)/declaration-benchmarks"

echo "== declaration-benchmarks crypto (single thread, ${seconds}s each)"
"$binary" crypto "$seconds"

if command -v openssl >/dev/null 2>&1; then
    echo
    echo "== openssl speed -seconds $seconds ed25519 ($(openssl version))"
    openssl speed -seconds "$seconds" ed25519 2>/dev/null | tail -n 3
    echo
    echo "== openssl speed -seconds $seconds -evp sha256"
    openssl speed -seconds "$seconds" -evp sha256 2>/dev/null | tail -n 2
else
    echo "openssl is not installed; no reference figures"
fi
