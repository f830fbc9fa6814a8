#!/bin/sh
# Screenshots of the HTML export, to look at: the demo registry exported in
# English, French and Spanish, each taken by headless Chromium at a desktop
# (1280x900) and a phone (390x844) size, the phone's first three screens, and
# the whole page on the phone (390x7000), which ends with the verify command.
#
#   scripts/screenshot-exports.sh [OUT-DIR]      (default .build/screenshots)
#
# Needs chromium (apt-get install -y chromium) and a built `declaration`
# (swift build). Not run by the tests: it makes pictures for people.
set -eu

out=${1:-.build/screenshots}
declaration=${DECLARATION:-.build/debug/declaration}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "error: chromium not found: install it (apt-get install -y chromium)" >&2
    exit 69
fi
if [ ! -x "$declaration" ]; then
    echo "error: $declaration not found: run swift build first (or set DECLARATION)" >&2
    exit 66
fi

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
"$declaration" demo --out "$work/demo" >/dev/null

for lang in en fr es; do
    page="$out/demo-$lang.html"
    "$declaration" export --registry "$work/demo/registry" --format html --lang "$lang" \
        --timestamp 2026-01-02T03:04:05Z --published-url https://registry.example.org/declaration \
        --out "$page" --force
    # The first screen at each width, the phone's first three screens, and
    # the phone's whole page (the verification part comes last).
    for size in 1280,900 390,844 390,2532 390,7000; do
        png="$out/demo-$lang-$(echo "$size" | tr , x).png"
        "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
            --window-size="$size" --screenshot="$png" "file://$(realpath "$page")" 2>/dev/null
        echo "$png"
    done
done
