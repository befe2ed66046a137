#!/usr/bin/env bash
# One whole suite as CI runs it (slow packaging tests included, built afresh), in checkout $1;
# extra arguments go to pytest (e.g. @ids.txt to run a list of test ids).
# Used by bench/SUITE.md: farm-bench --vs pairs this for the new code against an old checkout.
set -euo pipefail
cd "$1"; shift
rm -rf build/test-package
export CI=true KIOSK_PACKAGE_REBUILD=1 QT_QPA_PLATFORM=offscreen PYTHONPATH="$PWD"
exec env -u PYTHONDONTWRITEBYTECODE .venv/bin/pytest -q -p no:cacheprovider "$@"
