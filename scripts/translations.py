"""Qt translations of the kiosk: refresh the .ts from the code, build the .qm from the .ts.

    .venv/bin/python scripts/translations.py update   # after adding or changing UI strings
    .venv/bin/python scripts/translations.py build    # the .qm (scripts/setup.sh does this)
    .venv/bin/python scripts/translations.py check    # exit 1: stale .ts or untranslated strings

The source text is Vietnamese (``self.tr("…")`` and ``QT_TRANSLATE_NOOP(context, "…")``
in kiosk/); ``resources/translations/quayso_en.ts`` holds the English, and is committed.
The .qm is a build product (git-ignored). Run this with the venv's Python: the Qt tools
``pyside6-lupdate`` and ``pyside6-lrelease`` are looked up beside it, then on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "quayso_en.ts"
QM = TS.with_suffix(".qm")
SOURCE_LANGUAGE = "vi_VN"
TARGET_LANGUAGE = "en_GB"
# No line numbers in the .ts: several people edit the code at once, and a moved line must
# not change a committed file. Messages sorted by text for the same reason.
LUPDATE_OPTIONS = ("-locations", "none", "-sort-messages", "-no-obsolete")


@dataclass(frozen=True)
class Message:
    """One entry of a .ts file."""

    context: str
    source: str
    translation: str
    status: str  # "" (finished), "unfinished", "vanished", "obsolete"

    @property
    def finished(self) -> bool:
        return self.status == "" and self.translation.strip() != ""


def tool(name: str) -> str:
    """The path of a Qt tool from the venv (beside this Python) or PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run scripts/setup.sh (it installs PySide6)")
    return found


def sources() -> list[str]:
    """Every Python file of the kiosk package, relative to the repository root."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk").rglob("*.py"))


def _run(arguments: list[str]) -> str:
    result = subprocess.run(
        arguments, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SystemExit(f"{Path(arguments[0]).name} failed ({result.returncode}):\n{output}")
    return output


def update(ts: Path = TS) -> str:
    """Refresh ``ts`` from the code: new strings added, translations kept, dead ones dropped."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    return _run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            *LUPDATE_OPTIONS,
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            TARGET_LANGUAGE,
            "-ts",
            str(ts),
        ]
    )


def build(ts: Path = TS, qm: Path = QM) -> str:
    """Compile ``ts`` into ``qm`` (untranslated strings stay Vietnamese at run time)."""
    return _run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)])


def messages(ts: Path = TS) -> list[Message]:
    """The entries of a .ts file, in file order."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            found.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    translation="" if translation is None else (translation.text or ""),
                    status="" if translation is None else translation.get("type", ""),
                )
            )
    return found


def stale(ts: Path = TS) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(strings in the code missing from ``ts``, strings in ``ts`` no longer in the code)."""
    committed = {(m.context, m.source) for m in messages(ts)}
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / ts.name
        shutil.copyfile(ts, fresh_ts)
        update(fresh_ts)
        fresh = {(m.context, m.source) for m in messages(fresh_ts)}
    return fresh - committed, committed - fresh


def untranslated(ts: Path = TS) -> list[Message]:
    """Entries without a finished, non-empty translation."""
    return [m for m in messages(ts) if not m.finished]


def _check() -> int:
    missing, dead = stale()
    problems = [f"not in the .ts yet: [{c}] {s}" for c, s in sorted(missing)]
    problems += [f"no longer in the code: [{c}] {s}" for c, s in sorted(dead)]
    problems += [f"untranslated: [{m.context}] {m.source}" for m in untranslated()]
    for line in problems:
        print(line)
    if missing or dead:
        print("Run: .venv/bin/python scripts/translations.py update")
    print(f"{len(messages())} strings, {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("update", help="refresh the .ts from kiosk/**/*.py")
    refresh.add_argument("--ts", type=Path, default=TS)
    compile_ = commands.add_parser("build", help="compile the .ts into the .qm")
    compile_.add_argument("--ts", type=Path, default=TS)
    compile_.add_argument("--qm", type=Path, default=QM)
    commands.add_parser("check", help="exit 1 if the .ts is stale or has untranslated strings")
    args = parser.parse_args(argv)
    if args.command == "update":
        print(update(args.ts))
        left = untranslated(args.ts)
        if left:
            print(f"{len(left)} string(s) to translate in {args.ts}:")
            for m in left:
                print(f"  [{m.context}] {m.source}")
        return 0
    if args.command == "build":
        print(build(args.ts, args.qm))
        return 0
    return _check()


if __name__ == "__main__":
    raise SystemExit(main())
