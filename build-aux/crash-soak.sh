#!/bin/bash
# crash-soak.sh: the long run of the crash-safety test.
#
# Kills the casting child with SIGKILL at 1 000 random moments (CI runs
# 200) and checks after each kill that every ballot reported as committed
# is present, nothing is partial, pb_store_verify() passes and
# PRAGMA integrity_check is ok.
#
# Usage: build-aux/crash-soak.sh [CYCLES [BUILD_DIR]]
#   CYCLES     default 1000
#   BUILD_DIR  default build-crash (configured here when missing)
# Set PB_CRASH_SEED to replay a run; the seed is printed at the start.
set -eu
cd "$(dirname "$0")/.."

cycles=${1:-1000}
builddir=${2:-build-crash}

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dgui=false >/dev/null
fi
ninja -C "$builddir" tests/store/test-crash tests/store/crash-child >/dev/null

echo "crash-soak: $cycles cycles in $builddir"
PB_CRASH_CYCLES="$cycles" G_DEBUG=gc-friendly,fatal-warnings LC_ALL=C.UTF-8 \
  "$builddir/tests/store/test-crash" --verbose
