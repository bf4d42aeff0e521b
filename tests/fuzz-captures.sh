#!/bin/bash
# fuzz-captures.sh — mutation fuzzing of the sipdiag plugin inside Debian's
# real tshark. Every bundled capture is corrupted at random with editcap -E,
# then dissected by tshark (one pass -V and two passes -2 -V) with a copy of
# the plugin built with AddressSanitizer + UndefinedBehaviorSanitizer; a few of
# the corrupted captures also go through valgrind with a plain build.
# Failing inputs and their logs are kept; the exit status is non-zero on any
# finding. Run `tests/fuzz-captures.sh --help` for the options.
#
# Only the plugin is instrumented: tshark and libwireshark are Debian's stock
# binaries, so ASan sees the plugin's own accesses (and every heap block, as
# the runtime is preloaded), valgrind sees everything and only its reports
# with a sipdiag frame on the stack count.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")

usage() {
    cat << EOF
Usage: tests/fuzz-captures.sh [--quick] [--seeds N] [--prob P] [--offset N] [--jobs N]
                              [--timeout S] [--valgrind-cases N] [--out DIR] [--keep-work]

Mutates every captures/*.pcap with editcap -E and runs tshark -V and tshark -2 -V on each
mutated file with an ASan+UBSan build of sipdiag; runs some of them under valgrind with a
plain build. Prints a summary ending "N passed, M failed"; exits 1 on any finding.

  --quick             CI preset: --seeds 3 --valgrind-cases 2 (explicit options still win)
  --seeds N           mutated variants per capture (editcap --seed 1..N; default 20)
  --prob P            editcap -E: probability that a byte is changed (default 0.02)
  --offset N          editcap -o: bytes left intact at the start of each packet
                      (default 42: Ethernet + IPv4 + UDP headers, so changes hit SIP)
  --jobs N            parallel tshark runs (default: nproc)
  --timeout S         seconds per tshark run before it counts as a hang (default 60;
                      valgrind runs get 10 times as long)
  --valgrind-cases N  mutated files also run under valgrind (default 5; 0 = none)
  --out DIR           findings folder; each run writes DIR/run-<date>-<time>/
                      (default /tmp/sipdiag-fuzz-findings)
  --keep-work         keep the temporary folder (mutated files, all logs)
  -h, --help          this text

Builds go to \$SIPDIAG_FUZZ_BUILD (default /tmp/sipdiag-fuzz-build)/{asan,plain}.
Needs tshark, editcap, cmake, gcc, valgrind, timeout, xargs (and setpriv when run as root).
EOF
}

die() {
    echo "fuzz-captures: $*" >&2
    exit 2
}

# Progress goes to stderr so that stdout is only the summary.
say() {
    echo "fuzz-captures: $*" >&2
}

is_uint() {
    [[ $1 =~ ^[0-9]+$ ]]
}

is_positive() {
    [[ $1 =~ ^0*[1-9][0-9]*$ ]]
}

parse_args() {
    local quick=0 seeds="" vg="" opt
    PROB=0.02 OFFSET=42 JOBS=$(nproc) TIMEOUT=60 KEEP_WORK=0
    OUT_BASE=/tmp/sipdiag-fuzz-findings
    while [ $# -gt 0 ]; do
        opt=$1
        case $opt in
            -h | --help) usage; exit 0 ;;
            --quick) quick=1; shift; continue ;;
            --keep-work) KEEP_WORK=1; shift; continue ;;
            --seeds | --prob | --offset | --jobs | --timeout | --valgrind-cases | --out)
                [ $# -ge 2 ] || die "$opt needs a value (see --help)" ;;
            *) usage >&2; die "unknown option: $opt" ;;
        esac
        case $opt in
            --seeds) seeds=$2 ;;
            --prob) PROB=$2 ;;
            --offset) OFFSET=$2 ;;
            --jobs) JOBS=$2 ;;
            --timeout) TIMEOUT=$2 ;;
            --valgrind-cases) vg=$2 ;;
            --out) OUT_BASE=$2 ;;
        esac
        shift 2
    done
    # The preset only fills in what was not given explicitly, whatever the order.
    if [ $quick = 1 ]; then
        SEEDS=${seeds:-3} VG_CASES=${vg:-2}
    else
        SEEDS=${seeds:-20} VG_CASES=${vg:-5}
    fi
    is_positive "$SEEDS" || die "--seeds: a positive integer"
    is_uint "$VG_CASES" || die "--valgrind-cases: an integer >= 0"
    is_uint "$OFFSET" || die "--offset: an integer >= 0"
    is_positive "$JOBS" || die "--jobs: a positive integer"
    is_positive "$TIMEOUT" || die "--timeout: a positive integer"
    [[ $PROB =~ ^(0(\.[0-9]+)?|1(\.0*)?|\.[0-9]+)$ ]] || die "--prob: a number between 0 and 1"
    VG_TIMEOUT=$((TIMEOUT * 10))
}

check_tools() {
    local t
    for t in tshark editcap cmake gcc timeout xargs; do
        command -v "$t" > /dev/null || die "$t not found (tests/install-deps.sh installs it)"
    done
    if [ "$VG_CASES" -gt 0 ]; then
        command -v valgrind > /dev/null || die "valgrind not found: install it or pass --valgrind-cases 0"
    fi
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv > /dev/null || die "setpriv not found (util-linux)"
        id nobody > /dev/null 2>&1 || die "user nobody does not exist"
    fi
    [ -n "$(find "$SRC/captures" -maxdepth 1 -name '*.pcap' -print -quit)" ] || die "no captures/*.pcap"
}

# The major.minor of the tshark that will load the plugin; the plugin must be
# built against the same one (wireshark-dev), or tshark refuses it.
find_ws_version() {
    local dev
    WS_VERSION=$(tshark --version 2> /dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
    [ -n "$WS_VERSION" ] || die "cannot read the version of tshark"
    dev=$(pkg-config --modversion wireshark 2> /dev/null | cut -d. -f1,2)
    if [ -n "$dev" ] && [ "$dev" != "$WS_VERSION" ]; then
        die "tshark is $WS_VERSION but wireshark-dev is $dev: the plugin would not load"
    fi
}

# Editcap 4.0 has --seed, which makes each mutation reproducible. Without it
# editcap seeds itself from the clock, so runs differ and only the kept file
# reproduces a finding.
detect_editcap_seed() {
    if editcap --help 2>&1 | grep -q -- '--seed'; then
        EDITCAP_SEED=1
    else
        EDITCAP_SEED=0
        say "editcap has no --seed: mutations are not reproducible, every failing input is kept"
    fi
}

# build_plugin DIR CFLAGS [MODULE_LDFLAGS] — configure and build sipdiag.so.
# gcc is forced because the ASan runtime preloaded into tshark is gcc's.
build_plugin() {
    local dir=$1 cflags=$2 ldflags=${3:-}
    local args=(-S "$SRC" -B "$dir" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE= "-DCMAKE_C_FLAGS=$cflags"
                -DBUILD_TESTING=OFF)
    [ -n "$ldflags" ] && args+=("-DCMAKE_MODULE_LINKER_FLAGS=$ldflags")
    mkdir -p "$dir"
    if ! { cmake "${args[@]}" && cmake --build "$dir" -j "$JOBS" --target sipdiag; } > "$dir.log" 2>&1; then
        tail -n 30 "$dir.log" >&2
        die "build failed in $dir (log: $dir.log)"
    fi
}

build_plugins() {
    local san="-fsanitize=address,undefined"
    BUILD=${SIPDIAG_FUZZ_BUILD:-/tmp/sipdiag-fuzz-build}
    say "building the ASan+UBSan plugin in $BUILD/asan"
    build_plugin "$BUILD/asan" "$san -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g" "$san"
    if [ "$VG_CASES" -gt 0 ]; then
        say "building the plain plugin (-O1 -g) in $BUILD/plain"
        build_plugin "$BUILD/plain" "-O1 -g"
    fi
}

# The temporary folder the test user reads: both plugins, a private config
# folder, and every input (tshark as nobody cannot read root's files).
make_workdir() {
    WORK=$(mktemp -d /tmp/sipdiag-fuzz.XXXXXX) || die "mktemp failed"
    chmod 755 "$WORK"
    mkdir -p "$WORK/plugins-asan/$WS_VERSION/epan" "$WORK/plugins-plain/$WS_VERSION/epan" \
        "$WORK/home" "$WORK/in" "$WORK/logs" "$WORK/results"
    cp "$BUILD/asan/sipdiag.so" "$WORK/plugins-asan/$WS_VERSION/epan/"
    [ "$VG_CASES" -gt 0 ] && cp "$BUILD/plain/sipdiag.so" "$WORK/plugins-plain/$WS_VERSION/epan/"
    chmod -R a+rX "$WORK"
    chmod 777 "$WORK/home"
    if [ "$KEEP_WORK" = 1 ]; then
        trap 'say "work folder kept: $WORK"' EXIT
    else
        trap 'rm -rf "$WORK"' EXIT
    fi
}

make_outdir() {
    OUT=$OUT_BASE/run-$(date +%Y%m%d-%H%M%S)
    mkdir -p "$OUT" || die "cannot create $OUT"
}

# as_tshark_user PLUGIN_FLAVOUR CMD... — runs CMD with sipdiag's plugin folder
# and an empty configuration. Root's Wireshark ignores WIRESHARK_PLUGIN_DIR
# (started_with_special_privs()), so as root it runs as nobody.
as_tshark_user() {
    local flavour=$1
    shift
    local user=()
    [ "$RUN_AS_NOBODY" = 1 ] && user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    "${user[@]}" env HOME="$WORK/home" WIRESHARK_CONFIG_DIR="$WORK/home" \
        WIRESHARK_PLUGIN_DIR="$WORK/plugins-$flavour" "$@"
}

# Environment words (VAR=value, no blanks; expanded unquoted after `env`, so
# that `timeout` stays outside them) of every fuzzing run:
# - WIRESHARK_DEBUG_WMEM_OVERRIDE=simple and G_SLICE=always-malloc make every
#   wmem/GSlice allocation a malloc of its own, so an overrun of a packet-scope
#   string is caught instead of landing inside a larger wmem block;
# - WIRESHARK_ABORT_ON_DISSECTOR_BUG turns a dissector bug (wrong field type,
#   failed DISSECTOR_ASSERT) into an abort with a stack instead of a line
#   of -V output.
# The sanitizer runs add ASAN_ENV: the ASan runtime must be the first library
# of the process, so it is preloaded into the uninstrumented tshark (the
# plugin is built with gcc, hence gcc's runtime); handle_abort=1 gives aborts
# (dissector bugs, g_error) a stack trace too.
set_run_env() {
    FUZZ_ENV="WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc WIRESHARK_ABORT_ON_DISSECTOR_BUG=1"
    ASAN_ENV="LD_PRELOAD=$ASAN_LIB"
    ASAN_ENV+=" ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1:exitcode=86:handle_abort=1"
    ASAN_ENV+=" UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87"
}

# Before fuzzing: is the sanitizer plugin really loaded and really running?
# `tshark -G plugins` must NOT run with the preload (it deadlocks), and
# without the preload ASan refuses to start unless told not to check the
# library order (verify_asan_link_order=0), which is enough to list plugins.
check_plugin_active() {
    local capture sample="$WORK/in/sample.pcap" err="$WORK/logs/check.log" out
    capture=$SRC/captures/demo.pcap
    [ -e "$capture" ] || capture=$(find "$SRC/captures" -maxdepth 1 -name '*.pcap' | sort | head -n 1)
    cp "$capture" "$sample" && chmod a+r "$sample"
    out=$(as_tshark_user asan timeout 60 env ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0 \
        tshark -G plugins 2> "$err")
    grep -q 'sipdiag\.so' <<< "$out" ||
        { cat "$err" >&2; die "tshark -G plugins does not list the sanitizer build of sipdiag.so"; }
    # shellcheck disable=SC2086
    if ! out=$(as_tshark_user asan timeout 60 env $ASAN_ENV tshark -r "$sample" -Y sipdiag 2> "$err") ||
        [ -z "$out" ]; then
        cat "$err" >&2
        die "the sanitizer build shows no sipdiag output with LD_PRELOAD=$ASAN_LIB"
    fi
    say "sanitizer plugin active: $(wc -l <<< "$out") frames match -Y sipdiag in $(basename "$capture")"
    if [ "$VG_CASES" -gt 0 ]; then
        if ! out=$(as_tshark_user plain timeout 60 tshark -r "$sample" -Y sipdiag 2> "$err") || [ -z "$out" ]; then
            cat "$err" >&2
            die "the plain build shows no sipdiag output"
        fi
    fi
}

# A stack frame of the plugin: its sources (ASan and valgrind print full
# paths: valgrind is run with --fullpath-after=) or its .so when unsymbolised.
# Our own "# ..." header lines in the logs are not part of any stack.
sipdiag_frame_regex() {
    local names
    names=$(cd "$SRC/plugin" && ls -- *.c | sed 's/\.c$//' | paste -sd '|')
    SIPDIAG_FRAME_RE="/plugin/($names)\\.c:[0-9]+|/sipdiag\\.so([^A-Za-z0-9_]|\$)"
}

# mutate CAPTURE SEED OUT — the same seed gives the same file (editcap 4.0).
# -F pcap keeps the original format, so `cmp -l` shows the changed bytes.
# The command is left in MUTATE for the logs.
mutate() {
    MUTATE=(editcap -F pcap -E "$PROB" -o "$OFFSET")
    [ "$EDITCAP_SEED" = 1 ] && MUTATE+=(--seed "$2")
    MUTATE+=("$1" "$3")
    "${MUTATE[@]}" > /dev/null 2>&1 && chmod a+r "$3"
}

# classify RC LOG EXCEPTIONS — one word for how a tshark run ended.
classify() {
    local rc=$1 log=$2 exc=$3
    if grep -qE 'AddressSanitizer: (SEGV|ABRT|BUS|FPE|ILL|stack-overflow)|AddressSanitizer:DEADLYSIGNAL' "$log"; then
        echo crash
    elif grep -qE 'ERROR: AddressSanitizer|runtime error:' "$log" || [ "$rc" = 86 ] || [ "$rc" = 87 ]; then
        echo sanitizer
    elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        echo hang
    elif [ "$rc" -gt 128 ]; then
        echo crash
    elif [ "$rc" != 0 ]; then
        echo error
    elif [ "$exc" -gt 0 ]; then
        echo exception
    else
        echo ok
    fi
}

# keep_finding KIND NAME MUTATED LOG — copies the input (once) and the log.
keep_finding() {
    local kind=$1 name=$2 mutated=$3 log=$4
    cp -n "$mutated" "$OUT/$name.pcap"
    cp "$log" "$OUT/$kind-$(basename "$log")"
}

# on_stack LOG — "sipdiag" when a plugin frame appears in the log, else "other".
on_stack() {
    if grep -v '^#' "$1" | grep -qE "$SIPDIAG_FRAME_RE"; then echo sipdiag; else echo other; fi
}

# run_asan_case NAME MODE TSHARK_ARGS... — one sanitizer run on in/NAME.pcap.
# The -V text is not kept, only counted: how many diagnoses sipdiag made (to
# show it is exercised) and whether an exception escaped from it ("[Malformed
# Packet: SIPDIAG]": the plugin read past the end of something).
run_asan_case() {
    local name=$1 mode=$2
    shift 2
    local mutated="$WORK/in/$name.pcap" log="$WORK/logs/$name.$mode.log" rc kind counts diags exc
    {
        echo "# mutate: ${MUTATE[*]}"
        echo "# run:    LD_PRELOAD=$ASAN_LIB tshark -r $name.pcap $* (plugin: $BUILD/asan/sipdiag.so)"
    } > "$log"
    # shellcheck disable=SC2086
    counts=$(as_tshark_user asan timeout -k 10 "$TIMEOUT" env $FUZZ_ENV $ASAN_ENV tshark -r "$mutated" "$@" 2>> "$log" |
        awk '/^SIP Response Diagnosis/ { d++ } /Malformed Packet: SIPDIAG|Dissector bug, protocol SIPDIAG/ { e++ }
             END { print d + 0, e + 0 }'; echo "rc=${PIPESTATUS[0]}")
    rc=${counts##*rc=}
    read -r diags exc <<< "$counts"
    # timeout's status is tshark's, or 124 when it had to stop it
    kind=$(classify "$rc" "$log" "$exc")
    echo "# exit status $rc, sipdiag diagnoses $diags, exceptions from sipdiag $exc: $kind" >> "$log"
    echo "$kind $name $mode $diags $(on_stack "$log")" > "$WORK/results/asan.$name.$mode"
    [ "$kind" = ok ] || keep_finding "$kind" "$name" "$mutated" "$log"
}

# fuzz_one CAPTURE SEED — mutate once, dissect in one and in two passes.
fuzz_one() {
    local cap=$1 seed=$2 name
    name="$(basename "$cap" .pcap).s$seed"
    if ! mutate "$cap" "$seed" "$WORK/in/$name.pcap"; then
        echo "# editcap failed: ${MUTATE[*]}" > "$OUT/error-$name.editcap.log"
        echo "error $name editcap 0 other" > "$WORK/results/asan.$name.editcap"
        return
    fi
    run_asan_case "$name" 1pass -V
    run_asan_case "$name" 2pass -2 -V
}

# All (capture, seed) pairs, NUL-separated for xargs -0 -n 2.
fuzz_cases() {
    local cap seed
    for cap in "$SRC"/captures/*.pcap; do
        for ((seed = 1; seed <= SEEDS; seed++)); do
            printf '%s\0%s\0' "$cap" "$seed"
        done
    done
}

run_fuzz() {
    say "fuzzing: $NCAPS captures x $SEEDS seeds x 2 modes, $JOBS jobs"
    fuzz_cases | xargs -0 -P "$JOBS" -n 2 bash -c 'fuzz_one "$@"' _
}

# count_valgrind_errors LOG BLOCKS_OUT — prints "invalid other leaks outside":
# invalid reads/writes, other memory errors and definite leaks with a sipdiag
# frame in their block (access stack or allocation stack), and errors of any
# kind without one (Wireshark's own, not counted). The sipdiag blocks are
# copied to BLOCKS_OUT. A filter rather than a suppression file: valgrind
# suppressions can only match stacks, not "no sipdiag frame in this stack".
count_valgrind_errors() {
    awk -v out="$2" '
        BEGIN { re = ENVIRON["SIPDIAG_FRAME_RE"] }
        /^#/ { next }
        function flush() {
            if (head == "") return
            kind = ""
            if (head ~ /^Invalid (read|write)/) kind = "invalid"
            else if (head ~ /definitely lost/) kind = "leak"
            else if (head ~ /^(Invalid free|Mismatched free|Conditional jump|Use of uninitialised|Syscall param|Source and destination overlap|Argument .* of function)/) kind = "other"
            if (kind != "") {
                if (block ~ re) { n[kind]++; print block "\n" > out }
                else outside++
            }
            head = ""; block = ""
        }
        { sub(/^==[0-9]+== ?/, "") }
        /^$/ { flush(); next }
        { if (head == "") head = $0; block = block $0 "\n" }
        END { flush(); print n["invalid"] + 0, n["other"] + 0, n["leak"] + 0, outside + 0 }
    ' "$1"
}

# valgrind_one INDEX NAME — the plain build under memcheck on in/NAME.pcap;
# even cases one pass, odd cases two passes (-2).
valgrind_one() {
    local idx=$1 name=$2 mode=1pass args=(-V) rc kind counts invalid other leaks outside
    [ $((idx % 2)) = 1 ] && mode=2pass args=(-2 -V)
    local mutated="$WORK/in/$name.pcap" log="$WORK/logs/$name.$mode.valgrind.log"
    local blocks="$WORK/logs/$name.$mode.valgrind-sipdiag.txt"
    echo "# run: valgrind tshark -r $name.pcap ${args[*]} (plugin: $BUILD/plain/sipdiag.so)" > "$log"
    # tshark unloads its plugins before exiting, so without --keep-debuginfo
    # the allocation stacks of leaks would show the plugin's frames as "???".
    # shellcheck disable=SC2086
    as_tshark_user plain timeout -k 10 "$VG_TIMEOUT" env $FUZZ_ENV valgrind --tool=memcheck --error-exitcode=99 \
        --leak-check=full --errors-for-leak-kinds=definite --num-callers=50 --fullpath-after= --keep-debuginfo=yes \
        tshark -r "$mutated" "${args[@]}" > /dev/null 2>> "$log"
    rc=$?
    : > "$blocks"
    counts=$(count_valgrind_errors "$log" "$blocks")
    read -r invalid other leaks outside <<< "$counts"
    # Exit status 99 is the rule (Wireshark leaks), so only the filter decides.
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        kind=hang
    elif [ "$rc" -gt 128 ]; then
        kind=crash
    elif [ $((invalid + other + leaks)) -gt 0 ]; then
        kind=valgrind
    else
        kind=ok
    fi
    echo "# exit status $rc; in sipdiag frames: $invalid invalid read/write, $other other, $leaks definite leaks;" \
        "$outside errors elsewhere (not counted): $kind" >> "$log"
    echo "$kind $name $mode $invalid $other $leaks $outside" > "$WORK/results/vg.$name.$mode"
    if [ "$kind" != ok ]; then
        keep_finding "$kind" "$name" "$mutated" "$log"
        [ -s "$blocks" ] && cp "$blocks" "$OUT/"
    fi
}

# Spread the valgrind cases over the captures (evenly spaced), then over seeds.
valgrind_cases() {
    local caps=("$SRC"/captures/*.pcap) n i c s
    n=${#caps[@]}
    for ((i = 0; i < VG_CASES; i++)); do
        if [ "$VG_CASES" -le "$n" ]; then
            c=$((i * n / VG_CASES)) s=1
        else
            c=$((i % n)) s=$((1 + (i / n) % SEEDS))
        fi
        printf '%s\0%s\0' "$i" "$(basename "${caps[$c]}" .pcap).s$s"
    done
}

run_valgrind() {
    [ "$VG_CASES" -gt 0 ] || return 0
    say "valgrind: $VG_CASES cases, $JOBS jobs"
    valgrind_cases | xargs -0 -P "$JOBS" -n 2 bash -c 'valgrind_one "$@"' _
}

# count_kind PREFIX KIND — result files of one phase with that outcome.
count_kind() {
    cat "$WORK"/results/"$1".* 2> /dev/null | awk -v k="$2" '$1 == k { n++ } END { print n + 0 }'
}

fmt_duration() {
    printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

summarise() {
    local runs vgruns ok_asan ok_vg failed sipdiag_hits diags vgsums findings
    runs=$(cat "$WORK"/results/asan.* 2> /dev/null | wc -l)
    vgruns=$(cat "$WORK"/results/vg.* 2> /dev/null | wc -l)
    ok_asan=$(count_kind asan ok)
    ok_vg=$(count_kind vg ok)
    failed=$((runs + vgruns - ok_asan - ok_vg))
    diags=$(cat "$WORK"/results/asan.* 2> /dev/null | awk '{ d += $4 } END { print d + 0 }')
    sipdiag_hits=$(cat "$WORK"/results/asan.* 2> /dev/null | awk '$1 != "ok" && $5 == "sipdiag" { n++ } END { print n + 0 }')
    vgsums=$(cat "$WORK"/results/vg.* 2> /dev/null | awk '{ i += $4; o += $5; l += $6; x += $7 } END { print i + 0, o + 0, l + 0, x + 0 }')
    local vi vo vl vx
    read -r vi vo vl vx <<< "$vgsums"
    local seeding="editcap --seed 1..$SEEDS (reproducible)"
    [ "$EDITCAP_SEED" = 1 ] || seeding="editcap without --seed (clock-seeded, not reproducible)"
    {
        echo "sipdiag capture fuzzing ($(date '+%Y-%m-%d %H:%M'), Wireshark $WS_VERSION)"
        echo "  captures:                $NCAPS x $SEEDS mutations: editcap -E $PROB -o $OFFSET, $seeding"
        echo "  sanitizer cases run:     $runs (tshark -V and tshark -2 -V, ASan+UBSan plugin, timeout ${TIMEOUT}s)"
        echo "    crashes (signals):     $(count_kind asan crash)"
        echo "    sanitizer reports:     $(count_kind asan sanitizer)"
        echo "    hangs:                 $(count_kind asan hang)"
        echo "    sipdiag exceptions:    $(count_kind asan exception)"
        echo "    other tshark failures: $(count_kind asan error)"
        echo "    findings with a sipdiag frame on the stack: $sipdiag_hits"
        echo "    sipdiag diagnoses made on mutated input: $diags"
        echo "  valgrind cases:          $vgruns (plain -O1 -g plugin, memcheck, timeout ${VG_TIMEOUT}s)"
        echo "    errors in sipdiag frames: $((vi + vo + vl)) (invalid read/write $vi, other $vo, definite leaks $vl)"
        echo "    crashes / hangs:       $(count_kind vg crash) / $(count_kind vg hang)"
        echo "    errors with no sipdiag frame (Wireshark's own, not counted): $vx"
        echo "  duration:                $(fmt_duration "$SECONDS") (build $(fmt_duration "$T_BUILD"), sanitizer $(fmt_duration "$T_FUZZ"), valgrind $(fmt_duration "$T_VG"))"
        findings=$(find "$OUT" -name '*.log' | wc -l)
        if [ "$findings" -gt 0 ]; then
            echo "  findings kept in $OUT:"
            (cd "$OUT" && ls -- *.log | head -n 20 | sed 's/^/    /')
        else
            echo "  no findings (summary in $OUT)"
        fi
        echo "$((ok_asan + ok_vg)) passed, $failed failed"
    } | tee "$OUT/summary.txt"
    [ "$failed" = 0 ]
}

main() {
    parse_args "$@"
    check_tools
    find_ws_version
    detect_editcap_seed
    ASAN_LIB=$(gcc -print-file-name=libasan.so)
    [ -e "$ASAN_LIB" ] || die "gcc's libasan.so not found (libgcc-12-dev)"
    RUN_AS_NOBODY=0
    [ "$(id -u)" = 0 ] && RUN_AS_NOBODY=1
    set_run_env
    NCAPS=$(find "$SRC/captures" -maxdepth 1 -name '*.pcap' | wc -l)

    local t0=$SECONDS
    build_plugins
    T_BUILD=$((SECONDS - t0))
    make_workdir
    make_outdir
    sipdiag_frame_regex
    check_plugin_active

    # The workers run in `bash -c` under xargs: they need these functions and values.
    export SRC WORK OUT BUILD ASAN_LIB RUN_AS_NOBODY PROB OFFSET TIMEOUT VG_TIMEOUT EDITCAP_SEED \
        SIPDIAG_FRAME_RE FUZZ_ENV ASAN_ENV
    export -f as_tshark_user mutate classify keep_finding on_stack \
        run_asan_case fuzz_one count_valgrind_errors valgrind_one say

    t0=$SECONDS
    run_fuzz
    T_FUZZ=$((SECONDS - t0))
    t0=$SECONDS
    run_valgrind
    T_VG=$((SECONDS - t0))
    summarise || exit 1
}

main "$@"
