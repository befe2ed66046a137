"""Trying the devices from a terminal: ``kiosk scan`` (photos of ID cards), ``kiosk say``,
and ``kiosk chip`` (:mod:`kiosk.cli.chip`, the card's chip through a PC/SC reader)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli import chip
from kiosk.cli.common import Commands, Handler
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    scan = commands.add_parser("scan", help="read ID cards from photos of their QR code")
    scan.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    scan.add_argument(
        "--json", action="store_true", help="one JSON line per image, payload and fields unmasked"
    )

    say = commands.add_parser("say", help="read a text aloud (test the speaker)")
    say.add_argument("text", nargs="+", metavar="TEXT")
    say.add_argument("--lang", choices=("vi", "en"), default="vi")
    say.add_argument("--out", type=Path, metavar="FILE.wav", help="write a WAV file instead")

    return {"scan": _cmd_scan, "say": _cmd_say, **chip.add_commands(commands)}


def _cmd_scan(args: argparse.Namespace, _settings: Settings) -> int:
    from kiosk.services.identity.scanning import build_scanner, scan_json, scan_text

    scanner = build_scanner()
    failed = 0
    for path in args.images:
        result = scanner.scan_file(path)
        failed += not result.ok
        print(scan_json(path, result) if args.json else scan_text(path, result), flush=True)
    return 1 if failed else 0


def _cmd_say(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.devices.speech import EspeakSpeaker

    speaker = EspeakSpeaker(command=settings.speech_command, rate=settings.speech_rate)
    text = " ".join(args.text)
    if args.out is not None:
        speaker.synthesize(text, args.lang, args.out)
        print(f"Đã ghi tiếng đọc vào {args.out}.")
        return 0
    try:
        speaker.say(text, args.lang)
        speaker.wait()
    finally:
        speaker.stop()
    failure = speaker.poll()
    if failure is not None:
        raise failure
    print("Đã đọc xong.")
    return 0
