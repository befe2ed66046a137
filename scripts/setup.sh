#!/usr/bin/env bash
# Idempotent set-up for Quầy Số: Debian/Ubuntu packages, then .venv with `pip install -e .[dev]`.
# Fast on re-run: apt runs only when a package is missing, pip only when pyproject.toml changed,
# the translations build only when the .ts changed.
# Works as root or through sudo, without a terminal (CI=true, no stdin, no display).
# Env: PYTHON (interpreter used to create .venv, default python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
LOG_TAG=setup
export DEBIAN_FRONTEND=noninteractive PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.setup-pip.sha256

# --- 1. system packages -----------------------------------------------------------------
packages=(
    libzbar0                                  # pyzbar
    libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0
    libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
    libxcb-randr0 libxcb-xkb1 libdbus-1-3 libglib2.0-0   # Qt xcb/EGL runtime
    xvfb xauth                                # KIOSK_XVFB=1 make run, headless screenshots
    matchbox-window-manager x11-xkb-utils     # kiosk-session's window manager, setxkbmap (test_lockdown)
    fonts-noto-core                           # Vietnamese-capable system fonts
    poppler-utils                             # pdftoppm
    espeak-ng                                 # speech
    cups cups-client printer-driver-cups-pdf  # print queue (lp/lpstat) + PDF test printer
    pcscd vsmartcard-vpcd                     # chip reader daemon + virtual reader (tests)
    swig libpcsclite-dev                      # to build pyscard (no wheel for Linux)
)
# Python: only when the interpreter is absent or cannot build a venv with pip
# (Debian splits ensurepip into python3-venv; a pyenv build already has it, leave it alone).
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    [ "$PYTHON" = python3 ] || die "PYTHON=$PYTHON not found"
    packages+=(python3 python3-venv python3-pip)
elif ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    packages+=(python3 python3-venv python3-pip)
fi

mapfile -t missing < <(missing_packages "${packages[@]}")
if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
else
    log "system packages present"
fi

# --- 2. virtualenv ----------------------------------------------------------------------
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$("$PYTHON" --version 2>&1) is too old: Python >= 3.11 needed (set PYTHON=...)"

if [ -d "$VENV" ] && ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    log "$VENV is broken (its Python is gone?): recreating"
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv "$VENV"
fi

# --- 3. Python packages -----------------------------------------------------------------
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
have=$(cat "$STAMP" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
    log "pip install -e '.[dev]' (pyproject.toml changed or first run)"
    rm -f "$STAMP"
    pip_opts=(-q)
    if [ -n "${CI:-}" ]; then pip_opts+=(--progress-bar off); fi
    "$VENV/bin/python" -m pip install "${pip_opts[@]}" -e '.[dev]' </dev/null
    printf '%s\n' "$want" >"$STAMP"
else
    log "Python packages up to date"
fi

# --- 4. translations --------------------------------------------------------------------
# The .qm is a build product of the committed .ts (git-ignored): rebuilt when the .ts or the
# script changed, or when it is missing.
TS=resources/translations/quayso_en.ts
QM=${TS%.ts}.qm
QM_STAMP=$VENV/.setup-qm.sha256
want=$(cat "$TS" scripts/translations.py | sha256sum | cut -d' ' -f1)
have=$(cat "$QM_STAMP" 2>/dev/null || true)
if [ "$want" != "$have" ] || [ ! -s "$QM" ]; then
    log "building $QM"
    rm -f "$QM_STAMP"
    "$VENV/bin/python" scripts/translations.py build </dev/null >/dev/null \
        || die "building the translations failed: run $VENV/bin/python scripts/translations.py build"
    printf '%s\n' "$want" >"$QM_STAMP"
else
    log "translations up to date"
fi
log "done"
