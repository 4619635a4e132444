#!/bin/sh
# Installs the Debian 12 packages Pb needs to build, run and test, when missing.
# Usage: build-aux/install-deps.sh [--tests]
set -e

packages="meson ninja-build pkg-config gcc libgtk-4-dev libadwaita-1-dev
blueprint-compiler gir1.2-gtk-4.0 gir1.2-adw-1 libjson-glib-dev libsqlite3-dev
libsodium-dev libgmp-dev gettext libglib2.0-dev-bin desktop-file-utils appstream"

if [ "$1" = "--tests" ]; then
  packages="$packages xvfb xauth at-spi2-core dbus dbus-x11 python3-pyatspi sqlite3
clang libclang-rt-14-dev python3 python3-jsonschema poppler-utils"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

[ -z "$missing" ] && exit 0

echo "Installing missing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
