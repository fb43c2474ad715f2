#!/usr/bin/env bash
# Build the libFuzzer harnesses of Fuzz/ and run each for a bounded time.
#
#     scripts/fuzz.sh [SECONDS] [TARGET…]      # default: 30 s each, every target
#     FUZZ_SEED=1 FUZZ_RUNS=30000 scripts/fuzz.sh 60   # repeatable: a fixed seed and run count
#
# Targets: csv roster claims edition scenario settlement. Each starts from its seed corpus in
# Fuzz/corpus/<target>/ (read, never written) and keeps what it learns in .build/fuzz-work/.
# A crashing input is saved as Fuzz/crashes/<target>/crash-<sha1> and the script exits 1;
# re-run one with `.build/fuzz/debug/fuzz-<target> Fuzz/crashes/<target>/crash-…`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv roster claims edition scenario settlement)
fi
case "$seconds" in
    ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;;
esac

# Its own build folder: the instrumented modules must not mix with the normal build's.
build=.build/fuzz
mkdir -p .build
# libFuzzer's runtime without its main (see Fuzz/Package.swift for why).
toolchain="$(dirname "$(dirname "$(command -v swift)")")"
libfuzzer="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)"
if [ -z "$libfuzzer" ]; then
    echo "fuzz.sh: no libclang_rt.fuzzer_no_main in $toolchain/lib/clang: this toolchain cannot fuzz" >&2
    exit 2
fi
echo "Building the fuzz harnesses (debug, address sanitizer, libFuzzer coverage) in $build" >&2
if ! swift build --package-path Fuzz --scratch-path "$build" -c debug \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
    -Xlinker "$libfuzzer" -Xlinker -lstdc++ >"$build.log" 2>&1; then
    grep -v "warning: Cannot export local symbol" "$build.log" | tail -40 >&2
    exit 2
fi
bin="$(swift build --package-path Fuzz --scratch-path "$build" -c debug --show-bin-path)"

# Leaks are not what these runs look for; Swift's own crash backtracer only slows a crash down.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
export SWIFT_BACKTRACE="enable=no"

failed=()
for target in "${targets[@]}"; do
    corpus="Fuzz/corpus/$target"
    if [ ! -d "$corpus" ]; then
        echo "fuzz.sh: unknown target '$target' (no $corpus)" >&2
        exit 2
    fi
    work=".build/fuzz-work/$target"
    crashes="Fuzz/crashes/$target"
    mkdir -p "$work" "$crashes"
    echo "fuzz-$target: ${seconds} s from $corpus" >&2
    log="$work/fuzz.log"
    # FUZZ_SEED and FUZZ_RUNS make a run repeatable (CI sets both); SECONDS stays a backstop.
    if "$bin/fuzz-$target" "$work" "$corpus" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
        -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$log" | tail -2 >&2 || true
        rmdir "$crashes" 2>/dev/null || true
    else
        echo "fuzz-$target FAILED; the end of its log ($log):" >&2
        tail -40 "$log" >&2
        ls "$crashes" >&2
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]} (inputs under Fuzz/crashes/)" >&2
    exit 1
fi
echo "fuzz.sh: no crash in ${targets[*]} (${seconds} s each)" >&2
