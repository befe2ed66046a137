"""``kiosk chip``: the chip of a CCCD / Căn cước card through a PC/SC reader.

``kiosk chip readers`` lists the readers; ``kiosk chip read`` opens the chip with the key
printed on the card (document number, birth date, expiry date), reads it and says whether
passive authentication verified it against ``[chip] csca_store``. Nothing is stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.common import Commands, Handler
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add ``chip`` and its subcommands; return the handler."""
    chip = commands.add_parser("chip", help="read the chip of an ID card (ICAO 9303, PC/SC)")
    actions = chip.add_subparsers(dest="chip_command", required=True)
    actions.add_parser("readers", help="list the PC/SC readers")
    read = actions.add_parser("read", help="read and verify the chip of the card on the reader")
    read.add_argument(
        "--document-number",
        required=True,
        metavar="NUMBER",
        help="the MRZ's document number, or the 12-digit personal number",
    )
    read.add_argument("--birth", required=True, metavar="DATE", help="dd/mm/yyyy or YYMMDD")
    read.add_argument("--expiry", required=True, metavar="DATE", help="dd/mm/yyyy or YYMMDD")
    read.add_argument("--reader", metavar="NAME", help="the reader's name (default: the first)")
    read.add_argument(
        "--csca",
        type=Path,
        metavar="PATH",
        help="CSCA folder or master list (default: [chip] csca_store)",
    )
    read.add_argument("--wait", type=float, default=10.0, metavar="SECONDS",
                      help="how long to wait for a card (default 10)")  # fmt: skip
    return {"chip": _cmd_chip}


def _cmd_chip(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.devices.chip_reader import NO_READER, PcscCard, list_readers

    if args.chip_command == "readers":
        names = list_readers()
        if not names:
            print(NO_READER)
            return 1
        print("\n".join(f"Đầu đọc: {name}" for name in names))
        return 0

    from kiosk.services.chip.card_read import load_store, read_card
    from kiosk.services.chip.key_fields import access_key, result_text

    key = access_key(args.document_number, args.birth, args.expiry)
    store = load_store(args.csca or settings.csca_store_path)
    with PcscCard(args.reader) as card:
        card.connect(wait_seconds=args.wait)
        print(f"Đầu đọc: {card.reader_name}")
        result = read_card(card, key, store)
    print(result_text(result))
    return 0 if result.verification.outcome.value == "verified" else 1
