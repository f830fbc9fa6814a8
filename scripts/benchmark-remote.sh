#!/bin/sh
# Measures the published log over loopback HTTP; see docs/PERFORMANCE.md.
#
# Usage: scripts/benchmark-remote.sh [SIZE]      (default: 100000)
# Environment: RUNS (default 3) runs per figure, medians printed;
#              KEEP=1 keeps the generated files (their path is printed).
#
# Builds in release mode, generates a valid registry of SIZE entries,
# publishes it, serves the site with nginx on a free loopback port (started
# and stopped here), and prints:
#   local verify    full `declaration verify --registry DIR`
#   first verify    `declaration verify URL` with an empty trust state, and its ratio to the local one
#   publish +100    `declaration publish` after 100 new entries: files written
#   follow-up       `declaration verify URL` after those 100 entries, from the trust state of the
#                   first verify: time, requests and bytes
#   publish +1      `declaration publish` after one more entry: files written
#   proof           `declaration proof --registry DIR --entry` the middle entry
#   proof (URL)     `declaration proof --registry URL --entry`: verified, then its tiles fetched
#   proof (site)    `declaration proof --registry SITE-DIR --entry`: read from the site's tiles
set -eu
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
size="${1:-100000}"
command -v nginx >/dev/null 2>&1 || { echo "nginx is not installed: run scripts/install-dependencies" >&2; exit 1; }

swift build -c release --product declaration >&2
swift build -c release --product declaration-benchmarks >&2
bin="$(swift build -c release --show-bin-path)"
declaration="$bin/declaration"
bench="$bin/declaration-benchmarks"

work="$(mktemp -d "${TMPDIR:-/tmp}/declaration-benchmark-remote.XXXXXX")"
chmod 755 "$work"
nginx_pid=""
cleanup() {
    if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM
if [ "${KEEP:-0}" = 1 ]; then echo "files kept in $work" >&2; fi

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //'); load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"

stats() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'
}
# median FILE: the median time of the "seconds peak-KiB" lines in FILE.
median() { cut -d ' ' -f 1 "$1" | stats | cut -d ' ' -f 1; }
# line LABEL FILE: "median (min-max, runs)".
line() {
    set -- "$1" $(cut -d ' ' -f 1 "$2" | stats) "$(wc -l <"$2")"
    printf "  %-14s %8.3f s (%.3f-%.3f, %d runs)\n" "$1" "$2" "$3" "$4" "$5"
}
# written JSON: "N files written (names)" from a publish's JSON report.
written() {
    names="$(printf '%s' "$1" | sed -n 's/.*"files_written":\[\([^]]*\)\].*/\1/p' | tr -d '"')"
    printf '%s files written (%s)' "$(printf '%s' "$names" | tr ',' '\n' | grep -c .)" "$names"
}
# fetched JSON: "R requests, B bytes" from a verify's JSON report.
fetched() {
    printf '%s' "$1" | sed -n 's/.*"fetched":{"bytes":\([0-9]*\),"requests":\([0-9]*\)}.*/\2 requests, \1 bytes/p'
}

dir="$work/r"
"$bench" generate "$dir" "$size" >/dev/null
registry="$dir/registry"
"$declaration" repair --registry "$registry" >/dev/null
site="$work/www/reg"
mkdir -p "$work/www"
"$declaration" publish --registry "$registry" --to "$site" >/dev/null
vkey="$("$declaration" verify --registry "$registry" --format json | sed -n 's/.*"checkpoint_key":"\([^"]*\)".*/\1/p')"
echo
echo "== $size entries ($(du -sh "$site" | cut -f 1) site, $(find "$site" -type f | wc -l) files)"

# nginx on a free port: try a few until one binds.
for attempt in 1 2 3 4 5 6 7 8; do
    port=$(awk -v seed="$$$attempt" 'BEGIN { srand(seed); printf "%d", 20000 + rand() * 40000 }')
    mkdir -p "$work/nginx"
    cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
        location = /reg/checkpoint { default_type "text/plain; charset=utf-8"; add_header Cache-Control "no-cache"; }
        location /reg/tile/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    }
}
CONF
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>/dev/null &
    nginx_pid=$!
    sleep 0.5
    if kill -0 "$nginx_pid" 2>/dev/null; then break; fi
    nginx_pid=""
done
[ -n "$nginx_pid" ] || { echo "nginx did not start: $(cat "$work/nginx/error.log")" >&2; exit 1; }
url="http://127.0.0.1:$port/reg"

: >"$work/local.times"
i=0; while [ "$i" -lt "$runs" ]; do i=$((i + 1))
    "$bench" measure "$declaration" verify --registry "$registry" >>"$work/local.times"
done
line "local verify" "$work/local.times"

: >"$work/first.times"
i=0; while [ "$i" -lt "$runs" ]; do i=$((i + 1))
    rm -rf "$work/state"
    "$bench" measure "$declaration" verify "$url" --state "$work/state" --log-key "$vkey" >>"$work/first.times"
done
line "first verify" "$work/first.times"
rm -rf "$work/state"
first_json="$("$declaration" verify "$url" --state "$work/state" --log-key "$vkey" --format json)"
awk -v f="$(median "$work/first.times")" -v l="$(median "$work/local.times")" 'BEGIN { printf "  %-14s %.2f x the local verify; %s\n", "", f / l, "" }' | sed 's/; $//'
echo "                 fetched $(fetched "$first_json")"
cp -a "$work/state" "$work/state-first"

# 100 new entries, published.
"$declaration" append --registry "$registry" --registrar-key "$dir/keys/registrar" $(ls "$dir"/batch/*.json | head -n 100) >/dev/null
published="$("$declaration" publish --registry "$registry" --to "$site" --format json)"
echo "  publish +100   $(written "$published")"

: >"$work/follow.times"
i=0; while [ "$i" -lt "$runs" ]; do i=$((i + 1))
    rm -rf "$work/state"; cp -a "$work/state-first" "$work/state"
    "$bench" measure "$declaration" verify "$url" --state "$work/state" --log-key "$vkey" >>"$work/follow.times"
done
line "follow-up" "$work/follow.times"
rm -rf "$work/state"; cp -a "$work/state-first" "$work/state"
follow_json="$("$declaration" verify "$url" --state "$work/state" --log-key "$vkey" --format json)"
echo "                 fetched $(fetched "$follow_json")"

# One more entry, published.
"$declaration" append --registry "$registry" --registrar-key "$dir/keys/registrar" $(ls "$dir"/batch/*.json | sed -n 101p) >/dev/null
published="$("$declaration" publish --registry "$registry" --to "$site" --format json)"
echo "  publish +1     $(written "$published")"

: >"$work/proof.times"
i=0; while [ "$i" -lt "$runs" ]; do i=$((i + 1))
    "$bench" measure "$declaration" proof --registry "$registry" --entry $(((size + 1) / 2)) >>"$work/proof.times"
done
line "proof" "$work/proof.times"
if "$declaration" proof --help 2>/dev/null | grep -q "dir-or-url"; then
    : >"$work/proof-url.times"
    i=0; while [ "$i" -lt "$runs" ]; do i=$((i + 1))
        "$bench" measure "$declaration" proof --registry "$url" --state "$work/state" --entry $(((size + 1) / 2)) >>"$work/proof-url.times"
    done
    line "proof (URL)" "$work/proof-url.times"
    : >"$work/proof-site.times"
    i=0; while [ "$i" -lt "$runs" ]; do i=$((i + 1))
        "$bench" measure "$declaration" proof --registry "$site" --entry $(((size + 1) / 2)) >>"$work/proof-site.times"
    done
    line "proof (site)" "$work/proof-site.times"
fi
