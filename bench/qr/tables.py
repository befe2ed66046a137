"""Markdown tables for the QR benchmarks, and their place between markers in RESULTS.md.

``bench_decoders.py`` and ``bench_widened.py`` both write through here: one table writer,
one read-rate-by-condition table, one marker rewrite.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

Condition = tuple[str, Callable[[dict[str, Any]], bool]]  # a row's label, which frames


class Frame(Protocol):
    """What the condition table needs of a corpus frame."""

    kind: str
    payload: bytes | None
    truth: dict[str, Any]


class Outputs(Protocol):
    """What the condition table needs of a contender's score."""

    name: str
    outputs: list[frozenset[bytes]]


def table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A markdown table: the header, the rule, one line a row (cells as ``str``)."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def pct(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank below)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median_p95(values: Sequence[float]) -> str:
    """``median / p95`` in milliseconds, one decimal, or a dash when there is none."""
    if not values:
        return "–"
    return f"{statistics.median(values):.1f} / {pct(values, 0.95):.1f}"


def by_condition(
    scores: Sequence[Outputs],
    corpus: Sequence[Frame],
    conditions: Sequence[Condition],
    *,
    counts: bool = False,
) -> str:
    """ID frames read under each condition, a column a contender (``counts``: ``k/n (p%)``)."""
    rows = []
    for label, applies in conditions:
        picked = [i for i, s in enumerate(corpus) if s.kind == "id" and applies(s.truth)]
        if not picked:
            continue
        cells = []
        for score in scores:
            read = sum(corpus[i].payload in score.outputs[i] for i in picked)
            share = f"{read / len(picked):.0%}"
            cells.append(f"{read}/{len(picked)} ({share})" if counts else share)
        rows.append([label, len(picked), *cells])
    return table(["ID frames with", "n", *(s.name for s in scores)], rows)


def write_between(body: str, path: Path, start: str, end: str) -> None:
    """Put ``body`` between the markers of ``path``, keeping the prose around them."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# QR decoding benchmark\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
    else:
        before, after = text.rstrip("\n") + "\n\n", "\n"
    path.write_text(f"{before}{start}\n{body}{end}{after}", encoding="utf-8")
