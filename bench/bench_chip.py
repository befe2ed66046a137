"""One chip read's cost: commands (APDUs), bytes and seconds, on the emulated card through
pcscd's virtual reader (issue 17, item 8), short APDUs against extended length, interleaved.

    .venv/bin/python bench/bench_chip.py [--rounds 5]

pcscd with vsmartcard-vpcd must be installed (``make setup``); the bench starts it as the
tests do (tests/chip_pcscd.py). The card is tests/chip_card.py holding the invented
citizen's DG1, DG2 (a 15 KB JPEG), DG13 and EF.SOD (tests/chip_documents.py). The kiosk's
side is the product: PcscCard (pyscard) and ``read_card`` (BAC, secure messaging, passive
authentication). Prints one JSON line a mode (medians over the rounds) and the estimate for
a real reader at ISO 14443 bit rates from the counts (see bench/CHIP.md for the formula).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.devices.chip_reader import PcscCard  # noqa: E402
from kiosk.services.chip.card_read import read_card  # noqa: E402
from kiosk.services.chip.trust import CscaStore  # noqa: E402
from tests import chip_pcscd  # noqa: E402
from tests.chip_documents import Citizen, issue_card, make_pki  # noqa: E402

# ISO/IEC 14443 bit rates: 106, 212, 424, 848 kbit/s. Each byte counted as 10 bits on the air
# (8 data bits, parity, framing and block headers, rounded up), plus 4 ms a command for the
# chip's work (a 3DES MAC check, the file read, the reply's MAC) and the reader's turnaround.
# Both are ASSUMPTIONS, not measured here (no real reader on this machine): bench/CHIP.md.
RATES_KBIT = (106, 424, 848)
BITS_A_BYTE = 10
SECONDS_A_COMMAND = 0.004


def one_read(
    spec_dir: Path, card_spec: dict[str, Any], chunk: int, store: CscaStore
) -> dict[str, Any]:
    """Put the card on the reader, read it once, take it off; the read's stats."""
    spec = spec_dir / f"card-{chunk}.json"
    spec.write_text(json.dumps(card_spec))
    process = subprocess.Popen([sys.executable, "-m", "tests.chip_card", str(spec)], cwd=ROOT)
    try:
        with PcscCard(chip_pcscd.VIRTUAL_READER) as card:
            card.connect(wait_seconds=15)
            result = read_card(card, Citizen().key, store, chunk=chunk)
        assert result.verification.outcome.value == "verified", result.verification.detail
        stats = result.stats
        return {"apdus": stats.apdus, "sent": stats.bytes_sent,
                "received": stats.bytes_received, "seconds": stats.seconds}  # fmt: skip
    finally:
        process.terminate()
        process.wait(timeout=10)
        chip_pcscd.wait_for_card_gone()


def estimate(apdus: int, sent: int, received: int, kbit: int) -> float:
    """Seconds a real reader would take for these counts at ``kbit`` kbit/s."""
    return (sent + received) * BITS_A_BYTE / (kbit * 1000) + apdus * SECONDS_A_COMMAND


def main() -> int:
    """Read the emulated card ``--rounds`` times in each mode, A B A B…; print medians."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pki = make_pki()
    card = issue_card(Citizen(), pki)
    store = CscaStore((pki.csca,))
    modes = {"short (223-byte chunks)": (0xDF, False), "extended (1024-byte chunks)": (1024, True)}
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    with chip_pcscd.shared_pcscd(), chip_pcscd.virtual_reader(), tempfile.TemporaryDirectory() as d:
        for _ in range(args.rounds):
            for mode, (chunk, extended) in modes.items():
                spec = card.spec(pull_after=None, extended=extended, seconds=60)
                runs[mode].append(one_read(Path(d), spec, chunk, store))
    for mode, reads in runs.items():
        first = reads[0]
        line = {
            "mode": mode,
            "rounds": len(reads),
            "apdus": first["apdus"],
            "bytes_sent": first["sent"],
            "bytes_received": first["received"],
            "seconds_median": round(statistics.median(r["seconds"] for r in reads), 3),
            "seconds_min": round(min(r["seconds"] for r in reads), 3),
            "seconds_max": round(max(r["seconds"] for r in reads), 3),
            "real_reader_estimate_s": {
                f"{kbit} kbit/s": round(
                    estimate(first["apdus"], first["sent"], first["received"], kbit), 2
                )
                for kbit in RATES_KBIT
            },
        }
        print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
