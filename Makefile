# Quầy Số — set-up, run and test.  `make help` lists the targets.
# Every target does the set-up itself (scripts/setup.sh: fast when nothing changed).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV        := .venv
PYTEST_ARGS ?=
# Xvfb screen for KIOSK_XVFB=1 (xvfb-run's default is 640x480x8).
KIOSK_XVFB_SCREEN ?= 1920x1080x24

.PHONY: help setup run test package deb clean

help:
	@echo "make setup   install system packages (apt, as needed) and $(VENV) (pip, as needed)"
	@echo "make run     set up, then start the kiosk (no display? KIOSK_XVFB=1 make run)"
	@echo "make test    set up, then ruff, ruff format --check, mypy, lint-imports, the whole pytest suite (PYTEST_ARGS=...)"
	@echo "make package set up, then build the app for PCs without Python: dist/kiosk/kiosk"
	@echo "make deb     make package, then the Debian package dist/quay-so_VERSION_ARCH.deb"
	@echo "make clean   remove $(VENV) and its set-up stamps"

setup:
	@bash scripts/setup.sh

# Checks for a display before the set-up so that a headless run fails at once.
run:
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] && [ "$${KIOSK_XVFB:-}" != 1 ]; then \
	    echo "make run: no display (DISPLAY/WAYLAND_DISPLAY unset); run 'KIOSK_XVFB=1 make run' to start the kiosk under Xvfb." >&2; \
	    exit 1; \
	fi
	@bash scripts/setup.sh
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	    exec $(VENV)/bin/kiosk; \
	else \
	    echo "[run] no display: starting under xvfb-run ($(KIOSK_XVFB_SCREEN))"; \
	    exec xvfb-run -a -s "-screen 0 $(KIOSK_XVFB_SCREEN)" $(VENV)/bin/kiosk; \
	fi

test:
	@bash scripts/setup.sh
	$(VENV)/bin/ruff check --extend-exclude $(VENV) .
	$(VENV)/bin/ruff format --check --extend-exclude $(VENV) .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	@bash scripts/ensure-postgres.sh
	@# Bytecode is cached even where the environment says not to (PYTHONDONTWRITEBYTECODE):
	@# the run starts hundreds of Python processes, and pytest rewrites every test module
	@# in each worker; without the cache each compiles them again (collection 7.2 s -> 2.9 s).
	QT_QPA_PLATFORM=offscreen env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest --slow $(PYTEST_ARGS)

# PyInstaller one-folder app (installer/kiosk.spec); installer/README.md for Windows.
package:
	@bash scripts/setup.sh
	@bash scripts/build-package.sh

deb: package
	@bash scripts/build-deb.sh

clean:
	rm -rf $(VENV)
