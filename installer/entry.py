"""Entry point of the PyInstaller bundle: the ``kiosk`` command (``kiosk.cli:main``).

One addition for the bundle: ``kiosk -c CODE`` runs CODE as ``python -c CODE`` would.
``kiosk doctor`` checks Qt in a child process started as ``sys.executable -c PROBE`` (the
doctor itself stays Qt-free); in a bundle ``sys.executable`` is this program, not Python,
so without this the Qt check would fail on every counter PC. Only in a frozen bundle: from
a checkout ``kiosk -c`` is still an unknown option.
"""

import sys


def _python_dash_c(argv: list[str]) -> int:
    code = argv[2]
    sys.argv = ["-c", *argv[3:]]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
    return 0


if __name__ == "__main__":
    if getattr(sys, "frozen", False) and len(sys.argv) >= 3 and sys.argv[1] == "-c":
        raise SystemExit(_python_dash_c(sys.argv))
    from kiosk.cli import main

    raise SystemExit(main())
