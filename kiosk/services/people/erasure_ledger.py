"""The erasure ledger: which citizens were erased, and when, kept outside the restorable data.

A backup taken before an erasure still holds the person; restoring it would bring them back.
So every erasure (on request or by retention) is also written here, beside the privacy key in
the config dir (mode 0600), one JSON line each: the ID's keyed hash (the same HMAC-SHA256
under the privacy key that ``citizens.id_hash`` holds, so a restore can find the row again)
and the time of the erasure. No name, no ID number, nothing that identifies a person without
the key. ``kiosk restore`` re-applies every entry to the restored database (see
:mod:`kiosk.services.upkeep.backup.erasure`).

The line is written and flushed to disk before the erasure commits: a crash in between leaves
an entry for an erasure that did not happen, which the next erasure or restore carries out,
never the other way round.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

LEDGER_FILE = "erasures.jsonl"
_HASH = re.compile(r"^[0-9a-f]{64}$")


def ledger_path(key_file: Path) -> Path:
    """The ledger beside the privacy key ``key_file``."""
    return key_file.with_name(LEDGER_FILE)


@dataclass(frozen=True)
class Erasure:
    """One erased citizen: the keyed hash of their ID and when they were erased (UTC)."""

    id_hash: str
    erased_at: datetime
    reason: str = "request"  # request | retention


class ErasureLedger:
    """Appends erasures to the ledger file and reads them back."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, erasures: Iterable[Erasure]) -> int:
        """Append ``erasures`` (flushed to disk before returning); return how many."""
        lines = [
            json.dumps(
                {
                    "id_hash": item.id_hash,
                    "erased_at": item.erased_at.astimezone(UTC).isoformat(),
                    "reason": item.reason,
                },
                sort_keys=True,
            )
            + "\n"
            for item in erasures
        ]
        if not lines:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            if hasattr(os, "fchmod"):  # an older, wider file (0600 is set at creation)
                os.fchmod(descriptor, 0o600)
            os.write(descriptor, "".join(lines).encode("ascii"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        return len(lines)

    def entries(self) -> list[Erasure]:
        """Every erasure recorded, oldest first; a damaged line is logged and skipped."""
        try:
            text = self.path.read_text(encoding="ascii")
        except FileNotFoundError:
            return []
        found: list[Erasure] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                id_hash = str(data["id_hash"])
                erased_at = datetime.fromisoformat(str(data["erased_at"]))
                if not _HASH.match(id_hash) or erased_at.tzinfo is None:
                    raise ValueError("not a keyed hash with an aware time")
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("erasure ledger %s line %d unreadable: %s", self.path, number, exc)
                continue
            found.append(Erasure(id_hash, erased_at, str(data.get("reason", "request"))))
        return found
