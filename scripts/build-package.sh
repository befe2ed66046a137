#!/usr/bin/env bash
# Build the one-folder app for counter PCs without Python: dist/kiosk/kiosk (PyInstaller,
# installer/kiosk.spec). `make package` runs scripts/setup.sh first; this script expects the
# dev venv (.venv with pyinstaller) to be there already.
#
# Usage: scripts/build-package.sh [--dist DIR] [--work DIR]
#   --dist DIR   where the app goes: DIR/kiosk/ (default dist)
#   --work DIR   PyInstaller's work files (default build/pyinstaller)
# Works without a terminal or a display (CI=true, no stdin).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
LOG_TAG=package

VENV=.venv
DIST=dist
WORK=build/pyinstaller
while [ "$#" -gt 0 ]; do
    case "$1" in
        --dist) DIST=${2:?--dist needs a directory}; shift 2 ;;
        --work) WORK=${2:?--work needs a directory}; shift 2 ;;
        -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

[ -x "$VENV/bin/pyinstaller" ] \
    || die "$VENV/bin/pyinstaller not found: run 'make setup' (or 'make package')"

started=$(date +%s)
# The .qm is a git-ignored build product: make sure the bundle gets one that matches the .ts.
log "building the translations"
"$VENV/bin/python" scripts/translations.py build </dev/null >/dev/null \
    || die "building the translations failed: run $VENV/bin/python scripts/translations.py build"

log "pyinstaller installer/kiosk.spec -> $DIST/kiosk/"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" installer/kiosk.spec </dev/null \
    || die "PyInstaller failed (output above)"

app="$DIST/kiosk/kiosk"
[ -x "$app" ] || app="$DIST/kiosk/kiosk.exe"
version=$(env -u PYTHONPATH -u VIRTUAL_ENV "$app" --version </dev/null) \
    || die "the built $app does not start"
log "$version in $DIST/kiosk/ ($(du -sh "$DIST/kiosk" | cut -f1)) in $(($(date +%s) - started)) s"
