#!/bin/bash
# run-fuzzer.sh: runs one libFuzzer target for a while over seed files.
#
# Usage: run-fuzzer.sh FUZZER SEED…   (a SEED is a file or a folder)
# Environment:
#   PB_FUZZ_SECONDS    how long (default 60)
#   PB_FUZZ_RUNS       stop after this many executions (default: no limit)
#   PB_FUZZ_CORPUS     folder to keep the corpus in (default: a temporary one)
#   PB_FUZZ_ARTIFACTS  where crashing inputs are written (default ./fuzz-artifacts/)
# Seeds are cut to their first 64 KiB, the largest input tried.
# Exits non-zero when the fuzzer finds a crash, a leak or undefined behaviour.
set -eu

fuzzer=$1
shift
seconds=${PB_FUZZ_SECONDS:-60}
artifacts=${PB_FUZZ_ARTIFACTS:-$PWD/fuzz-artifacts/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

corpus=${PB_FUZZ_CORPUS:-$work/corpus}
mkdir -p "$corpus" "$work/seeds" "$artifacts"
for seed in "$@"; do
  if [ -d "$seed" ]; then
    for f in "$seed"/*; do
      [ -f "$f" ] && head -c 65536 "$f" > "$work/seeds/$(basename "$f")"
    done
  elif [ -f "$seed" ]; then
    head -c 65536 "$seed" > "$work/seeds/$(basename "$seed")"
  fi
done

runs=()
[ -n "${PB_FUZZ_RUNS:-}" ] && runs=(-runs="$PB_FUZZ_RUNS")

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
exec "$fuzzer" -max_total_time="$seconds" "${runs[@]}" -max_len=65536 -timeout=25 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$work/seeds"
