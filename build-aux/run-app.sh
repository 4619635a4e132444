#!/bin/sh
# Builds Pb and launches it on its default database (created with a demo
# process on first start under $XDG_DATA_HOME/com.example.Pb/).
set -e
cd "$(dirname "$0")/.."
build-aux/install-deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export PB_LOCALEDIR="$PWD/build/po"
exec build/src/gui/pb "$@"
