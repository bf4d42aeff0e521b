#!/usr/bin/env bash
# run.sh — sipdiag's performance benchmark.
#
# Builds sipdiag (Release, -O2) and the do-nothing floor plugin (tests/bench/floor)
# into a temporary folder, generates or reuses the benchmark captures
# (gen-captures.py; cache: /var/tmp/sipdiag-bench or $SIPDIAG_BENCH_CACHE), then
# times Debian's tshark on a large SIP capture and a large non-SIP one with
#   none     no plugin
#   floor    a post-dissector that asks for sipdiag's SIP fields and does nothing
#   items    (callgrind only) the floor plus a protocol item and an expert item per
#            SIP response: what Wireshark charges any plugin that reports responses
#   sipdiag  the plugin
#   lua      tests/bench/sipdiag.lua, the same diagnosis written in Lua
# in five modes (plain -r, -V, -T fields, -Y, -z expert), runs interleaved
# (none floor sipdiag lua none floor ...), N repetitions; then instruction counts
# under callgrind on the first frames of each capture, and peak memory on growing
# prefixes of the SIP capture.
#
# Callgrind counts only the per-packet work (dissection and taps, filter,
# columns, printing the tree or the fields, freeing the tree: the functions
# in CG_TOGGLE), not start-up: tshark registers protocols in threads whose
# instruction counts vary from run to run by more than sipdiag's whole cost
# on a few thousand frames. Prints a Markdown report and writes it to
# tests/bench/results.md (--quick: results-quick.md).
#
# usage: bash tests/bench/run.sh [--reps N] [--quick] [--no-lua-nonsip] [--no-times] [--no-callgrind]
#                                [--no-memory] [--cg-frames N] [--calls N] [--cpu N] [--out FILE]
#
# Not part of the CTest suite. Needs: cmake, a C compiler, wireshark-dev, tshark,
# editcap, python3, valgrind (callgrind), /usr/bin/time. As root, tshark runs as
# "nobody" (root's Wireshark ignores WIRESHARK_PLUGIN_DIR).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CMDLINE="bash tests/bench/run.sh $*"

REPS=5
QUICK=0
LUA_NONSIP=1
TIMES_ON=1
CALLGRIND=1
MEMORY=1
CG_FRAMES=5000
CALLS=100000
CPU=""
OUT=""
CACHE=${SIPDIAG_BENCH_CACHE:-/var/tmp/sipdiag-bench}
REPS_SET=0

usage() { sed -n '2,/^# SPDX/p' "$0" | sed 's/^# \{0,1\}//' | head -n -1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) REPS=$2; REPS_SET=1; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --no-lua-nonsip) LUA_NONSIP=0; shift ;;
        --no-times) TIMES_ON=0; shift ;;
        --no-callgrind) CALLGRIND=0; shift ;;
        --no-memory) MEMORY=0; shift ;;
        --cg-frames) CG_FRAMES=$2; shift 2 ;;
        --calls) CALLS=$2; shift 2 ;;
        --cpu) CPU=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
if [ "$QUICK" = 1 ]; then
    [ "$REPS_SET" = 1 ] || REPS=2
    CALLS=5000
    CG_FRAMES=2000
fi
# (an if, not "&& echo": a failing test in $(...) would end the script under set -e)
if [ -z "$OUT" ]; then
    if [ "$QUICK" = 1 ]; then OUT="$HERE/results-quick.md"; else OUT="$HERE/results.md"; fi
fi

T_START=$EPOCHREALTIME
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in cmake cc tshark editcap python3; do
    command -v "$tool" > /dev/null || die "$tool not found"
done
if [ "$CALLGRIND" = 1 ] && ! command -v valgrind > /dev/null; then
    log "valgrind not found: skipping callgrind"; CALLGRIND=0
fi
if [ "$MEMORY" = 1 ] && [ ! -x /usr/bin/time ]; then
    log "/usr/bin/time not found: skipping memory"; MEMORY=0
fi

WORK=$(mktemp -d /tmp/sipdiag-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

# ------------------------------------------------------------------ build
WS_VERSION=$(tshark -v | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)\.[0-9].*/\1/p')
[ -n "$WS_VERSION" ] || die "cannot read tshark's version"
CFLAGS_REL="-O2 -g -DNDEBUG"
# The floor is only a floor if it asks for exactly sipdiag's fields.
fields_of() { sed -n "/$2/,/^};/p" "$1" | grep -o '"[^"]*"' | tr -d '"'; }
[ "$(fields_of "$ROOT/plugin/extract.c" '^} fields')" = "$(fields_of "$HERE/floor/packet-floor.c" 'wanted\[\] = {')" ] \
    || die "the floor plugin's wanted fields differ from plugin/extract.c's"
log "building sipdiag and the floor plugin (Release: $CFLAGS_REL) in $WORK"
cmake -S "$ROOT" -B "$WORK/build-sipdiag" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="$CFLAGS_REL" \
    -DBUILD_TESTING=OFF > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "cmake (sipdiag)"; }
cmake --build "$WORK/build-sipdiag" --target sipdiag -j "$(nproc)" >> "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; die "build (sipdiag)"; }
cmake -S "$HERE/floor" -B "$WORK/build-floor" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="$CFLAGS_REL" \
    >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "cmake (floor)"; }
cmake --build "$WORK/build-floor" -j "$(nproc)" >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build (floor)"; }
cc -O2 -Wall -I"$ROOT/plugin" "$HERE/gen-lua-codes.c" "$ROOT/plugin/codes.c" -o "$WORK/gen-lua-codes"

CONFIGS=(none floor items sipdiag lua)
for c in "${CONFIGS[@]}"; do mkdir -p "$WORK/plugins/$c/$WS_VERSION/epan"; done
cp "$WORK/build-sipdiag/sipdiag.so" "$WORK/plugins/sipdiag/$WS_VERSION/epan/"
cp "$WORK/build-floor/floor.so" "$WORK/plugins/floor/$WS_VERSION/epan/"
cp "$WORK/build-floor/floor-items.so" "$WORK/plugins/items/$WS_VERSION/epan/"
cp "$HERE/sipdiag.lua" "$WORK/plugins/lua/"
"$WORK/gen-lua-codes" > "$WORK/plugins/lua/sipdiag-codes.luadata" 2> /dev/null
mkdir -p "$WORK/config" "$WORK/home" "$WORK/caps" "$WORK/cg"
chmod -R a+rX "$WORK"
chmod 777 "$WORK/config" "$WORK/home" "$WORK/cg"

if [ "$(id -u)" = 0 ]; then
    AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
else
    AS_USER=()
fi
PIN=()
[ -z "$CPU" ] || PIN=(taskset -c "$CPU")

# tshark (or a wrapper given before "--") in configuration $1, as the test user.
#   ts CONFIG [WRAPPER... --] TSHARK-ARGS...
ts() {
    local c=$1; shift
    local wrap=()
    if [[ " $* " == *" -- "* ]]; then
        while [ "$1" != "--" ]; do wrap+=("$1"); shift; done
        shift
    fi
    "${PIN[@]}" "${AS_USER[@]}" env HOME="$WORK/home" WIRESHARK_CONFIG_DIR="$WORK/config" \
        WIRESHARK_PLUGIN_DIR="$WORK/plugins/$c" "${wrap[@]}" tshark "$@"
}

# Each configuration loads exactly its own plugin.
for c in floor items sipdiag lua; do
    want=$(case $c in floor) echo floor.so ;; items) echo floor-items.so ;; sipdiag) echo sipdiag.so ;; lua) echo sipdiag.lua ;; esac)
    ts "$c" -G plugins 2> /dev/null | grep -q "$WORK/plugins/$c/.*$want" || die "$c: tshark does not load $want"
done
[ -z "$(ts none -G plugins 2> /dev/null | grep "$WORK/plugins/none")" ] || die "none: loads a plugin"

# ------------------------------------------------------------------ captures
log "captures in $CACHE (generated on first use)"
mkdir -p "$CACHE"
mapfile -t CAPS < <(python3 "$HERE/gen-captures.py" --out "$CACHE" --calls "$CALLS")
SIP=${CAPS[0]}
NONSIP=${CAPS[1]}
chmod a+rx "$CACHE"
chmod a+r "$SIP" "$NONSIP"
cat "$SIP" "$NONSIP" > /dev/null      # into the page cache

CG_SIP="$WORK/caps/cg-sip.pcap"
CG_NONSIP="$WORK/caps/cg-nonsip.pcap"
ONE="$WORK/caps/one-frame.pcap"
editcap -r "$SIP" "$CG_SIP" "1-$CG_FRAMES"
editcap -r "$NONSIP" "$CG_NONSIP" "1-$CG_FRAMES"
editcap -r "$SIP" "$ONE" 1
chmod a+r "$WORK"/caps/*

# Same answers from every configuration: sipdiag and Lua see every status code.
n_sip=$(ts none -r "$CG_SIP" -T fields -e sip.Status-Code 2> /dev/null | tr ',' '\n' | grep -c .) || true
n_diag=$(ts sipdiag -r "$CG_SIP" -T fields -e sipdiag.code 2> /dev/null | tr ',' '\n' | grep -c .) || true
n_lua=$(ts lua -r "$CG_SIP" -T fields -e sipdiaglua.code 2> /dev/null | tr ',' '\n' | grep -c .) || true
log "check on the first $CG_FRAMES frames: sip.Status-Code $n_sip, sipdiag.code $n_diag, sipdiaglua.code $n_lua"
[ "$n_sip" -gt 0 ] && [ "$n_sip" = "$n_diag" ] && [ "$n_sip" = "$n_lua" ] || die "the configurations disagree"

# ------------------------------------------------------------------ timing
MODES=(plain V fields filter expert)
# mode_args MODE CONFIG: the tshark arguments after -r FILE.
mode_args() {
    case "$1/$2" in
        plain/*) ;;
        V/*) echo "-V" ;;
        fields/sipdiag) echo "-T fields -e sipdiag.code -e sipdiag.fix" ;;
        fields/lua) echo "-T fields -e sipdiaglua.code -e sipdiaglua.fix" ;;
        fields/*) echo "-T fields -e sip.Status-Code" ;;
        filter/sipdiag) echo "-Y sipdiag" ;;
        filter/lua) echo "-Y sipdiaglua" ;;
        filter/*) echo "-Y sip" ;;
        expert/*) echo "-z expert -q" ;;
    esac
}

TIMES="$WORK/times.tsv"
printf 'capture\tmode\tconfig\trep\tseconds\n' > "$TIMES"

timed_run() {   # CAPTURE-NAME FILE MODE CONFIG REP
    local args t0 t1
    read -r -a args <<< "$(mode_args "$3" "$4")"
    t0=$EPOCHREALTIME
    ts "$4" -r "$2" "${args[@]}" > /dev/null 2> "$WORK/err" || { cat "$WORK/err" >&2; die "tshark failed: $4 $3 $1"; }
    t1=$EPOCHREALTIME
    local s
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$3" "$4" "$5" "$s" >> "$TIMES"
    printf '%s' "$s"
}

bench_capture() {   # NAME FILE CONFIGS...
    local name=$1 file=$2; shift 2
    local configs=("$@")
    log "$name: warm-up run"
    ts none -r "$file" > /dev/null 2>&1
    for mode in "${MODES[@]}"; do
        for ((rep = 1; rep <= REPS; rep++)); do
            local line=""
            for c in "${configs[@]}"; do
                line+=" $c $(timed_run "$name" "$file" "$mode" "$c" "$rep")s"
            done
            log "$name $mode rep $rep/$REPS:$line"
        done
    done
}

if [ "$TIMES_ON" = 1 ]; then
    bench_capture sip "$SIP" none floor sipdiag lua
    if [ "$LUA_NONSIP" = 1 ]; then
        bench_capture nonsip "$NONSIP" none floor sipdiag lua
    else
        bench_capture nonsip "$NONSIP" none floor sipdiag
    fi
fi

# ------------------------------------------------------------------ memory
MEM="$WORK/mem.tsv"
printf 'frames\tconfig\tmaxrss_kb\tseconds\n' > "$MEM"
if [ "$MEMORY" = 1 ]; then
    total=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import importlib; g = importlib.import_module("gen-captures"); print(g.count_frames(sys.argv[2]))' "$HERE" "$SIP")
    for pct in 25 50 100; do
        n=$((total * pct / 100))
        f="$SIP"
        if [ "$pct" != 100 ]; then
            f="$WORK/caps/sip-$pct.pcap"
            editcap -r "$SIP" "$f" "1-$n"
            chmod a+r "$f"
        fi
        for c in none floor sipdiag lua; do
            t0=$EPOCHREALTIME
            ts "$c" /usr/bin/time -f %M -o "$WORK/cg/rss" -- -r "$f" > /dev/null 2> "$WORK/err" \
                || { cat "$WORK/err" >&2; die "memory run failed: $c $pct%"; }
            t1=$EPOCHREALTIME
            printf '%s\t%s\t%s\t%s\n' "$n" "$c" "$(tail -n 1 "$WORK/cg/rss")" \
                "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" >> "$MEM"
            log "memory: $pct% ($n frames) $c $(tail -n 1 "$WORK/cg/rss") KB"
        done
        [ "$pct" = 100 ] || rm -f "$f"
    done
fi

# ------------------------------------------------------------------ callgrind
# Per-packet instruction counts do not depend on timing, so two runs go in parallel (2 cores).
CG_LIST="$WORK/cg/list.tsv"
: > "$CG_LIST"
CG_TOGGLE=(epan_dissect_run_with_taps dfilter_apply_edt epan_dissect_fill_in_columns proto_tree_print
           write_fields_proto_tree epan_dissect_reset)
cg_job() {   # NAME CONFIG FILE MODE
    local args toggles=(--collect-atstart=no)
    read -r -a args <<< "$(mode_args "$4" "$2")"
    for f in "${CG_TOGGLE[@]}"; do toggles+=("--toggle-collect=$f"); done
    ts "$2" valgrind --tool=callgrind "${toggles[@]}" --callgrind-out-file="$WORK/cg/$1.out" -- -r "$3" "${args[@]}" \
        > /dev/null 2> "$WORK/cg/$1.err" || { cat "$WORK/cg/$1.err" >&2; return 1; }
}
if [ "$CALLGRIND" = 1 ]; then
    jobs_spec=()
    for c in none floor items sipdiag lua; do
        jobs_spec+=("one-$c $c $ONE plain")
        jobs_spec+=("sip-plain-$c $c $CG_SIP plain")
    done
    for c in none floor items sipdiag; do
        jobs_spec+=("sip-V-$c $c $CG_SIP V")
        jobs_spec+=("sip-fields-$c $c $CG_SIP fields")
        jobs_spec+=("sip-filter-$c $c $CG_SIP filter")
        jobs_spec+=("sip-expert-$c $c $CG_SIP expert")
        jobs_spec+=("nonsip-plain-$c $c $CG_NONSIP plain")
        # Wireshark seeds its hash maps (wmem_map) at random, so the same run
        # differs by up to ~0.7 % on the non-SIP capture, close to its 1 %
        # target: three runs, the report takes the median.
        jobs_spec+=("nonsip-plain-$c~2 $c $CG_NONSIP plain" "nonsip-plain-$c~3 $c $CG_NONSIP plain")
    done
    log "callgrind: ${#jobs_spec[@]} runs, two at a time"
    running=0
    for j in "${jobs_spec[@]}"; do
        read -r name c file mode <<< "$j"
        printf '%s\t%s\t%s\t%s\n' "$name" "$c" "$file" "$mode" >> "$CG_LIST"
        cg_job "$name" "$c" "$file" "$mode" &
        running=$((running + 1))
        if [ "$running" -ge 2 ]; then
            wait -n || die "callgrind run failed"
            running=$((running - 1))
        fi
    done
    while [ "$running" -gt 0 ]; do
        wait -n || die "callgrind run failed"
        running=$((running - 1))
    done
    log "callgrind done"
fi

# ------------------------------------------------------------------ report
T_END=$EPOCHREALTIME
python3 "$HERE/report.py" \
    --times "$TIMES" --mem "$MEM" --cg-dir "$WORK/cg" --cg-list "$CG_LIST" \
    --sip "$SIP" --nonsip "$NONSIP" --calls "$CALLS" --cg-frames "$CG_FRAMES" --reps "$REPS" \
    --elapsed "$(awk -v a="$T_START" -v b="$T_END" 'BEGIN { printf "%.0f", b - a }')" \
    --cmdline "$CMDLINE" --cflags "$CFLAGS_REL" --cpu "${CPU:-any}" \
    --plugin "$WORK/build-sipdiag/sipdiag.so" > "$WORK/results.md"
cp "$WORK/results.md" "$OUT"
cp "$TIMES" "${OUT%.md}-times.tsv"
cat "$WORK/results.md"
log "report written to $OUT (raw timings: ${OUT%.md}-times.tsv)"
