#!/bin/bash
# fuzz.sh: long fuzzing runs of Pb's libFuzzer targets (tests/fuzz).
#
# CI runs each target for 60 s; this script is for the long runs, with the
# goal of 10 million executions per target with no crash, leak or
# undefined behaviour.  The corpus is kept between runs in
# BUILD_DIR/fuzz-corpus/TARGET, crashing inputs go to
# BUILD_DIR/fuzz-artifacts/.
#
# Usage: build-aux/fuzz.sh [TARGET…]   (pabulib, bundle, json; default all)
# Environment:
#   PB_FUZZ_SECONDS  time limit per target (default 3600)
#   PB_FUZZ_RUNS     executions per target (default 10000000)
#   PB_FUZZ_BUILD    build folder (default build-fuzz)
set -eu
cd "$(dirname "$0")/.."
root=$PWD
builddir=${PB_FUZZ_BUILD:-build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pabulib bundle json)

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debugoptimized >/dev/null
fi

status=0
for target in "${targets[@]}"; do
  case $target in
    pabulib) seeds=("$root/../shared/pabulib") ;;
    bundle | json) seeds=("$root/tests/fuzz/seeds/bundle") ;;
    *) echo "fuzz.sh: unknown target “$target” (pabulib, bundle, json)" >&2; exit 2 ;;
  esac
  ninja -C "$builddir" "tests/fuzz/fuzz-$target" >/dev/null
  mkdir -p "$builddir/fuzz-corpus/$target"
  echo "fuzz.sh: $target"
  PB_FUZZ_SECONDS=${PB_FUZZ_SECONDS:-3600} PB_FUZZ_RUNS=${PB_FUZZ_RUNS:-10000000} \
    PB_FUZZ_CORPUS="$root/$builddir/fuzz-corpus/$target" PB_FUZZ_ARTIFACTS="$root/$builddir/fuzz-artifacts/" \
    tests/fuzz/run-fuzzer.sh "$builddir/tests/fuzz/fuzz-$target" "${seeds[@]}" || status=1
done
exit $status
