#!/bin/sh
# Builds Pb and runs every test (core, UI under Xvfb, end-to-end through
# AT-SPI, data validation).  Extra arguments go to `meson test`.
set -e
cd "$(dirname "$0")/.."
build-aux/install-deps.sh --tests
[ -f build/build.ninja ] || meson setup build ${PB_MESON_ARGS:-}
ninja -C build
# The UI tests share one X server (Xvfb); the D-Bus session is for AT-SPI tests.
# -noreset: the X server would otherwise reset whenever its last client
# leaves, and an app starting at that moment cannot open the display.
# A runtime folder of our own keeps the accessibility bus's socket apart from
# any other session of the same user (it otherwise lives in ~/.cache/at-spi,
# and another session ending removes it).
runtime=$(mktemp -d "${TMPDIR:-/tmp}/pb-tests-runtime-XXXXXX")
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
XDG_RUNTIME_DIR="$runtime" dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24 -noreset' \
  meson test -C build --print-errorlogs "$@"
