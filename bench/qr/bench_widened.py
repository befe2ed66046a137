"""The cascade on the widened corpus (issue 16): read rate by degradation, false reads, time.

    .venv/bin/python bench/qr/generate_corpus.py --profile widened --seed 4242 \
        --out bench/out/qr-dev
    .venv/bin/python bench/qr/bench_widened.py --corpus bench/out/qr-dev [--label dev] [--write]
    .venv/bin/python bench/qr/bench_widened.py --corpus bench/out/qr-dev --load 4

Contenders: zxing-cpp and zbar alone (the kiosk's wrappers), the cascade in fast (camera)
mode, the camera's live path (:class:`LiveReader`: a first look, then the fast cascade) as
the scanner calls it and, to weigh it, with ``accept`` asking for an ID card; the cascade in
thorough mode as a bare call (no ``accept``: the first payload ends the search), and ``kiosk
scan``: the scanning service's :class:`Scanner` on a file (thorough effort, with whatever it
asks of the cascade). "Read" means the exact payload bytes of an ID
frame came back; "wrong" any other payload from any frame; "invalid accepted" an invalid-ID
frame or a negative whose payload ``parse_id_payload`` accepted. ``--load N`` runs N busy
processes during the timed run and then compares, frame by frame, what ``kiosk scan`` read
against a run on the same frames without them (the load-independence check).

Another checkout (the "before"): the bench imports ``kiosk`` from ``PYTHONPATH`` ahead of
this tree, so ``git archive REV kiosk | tar -x -C DIR`` and
``PYTHONPATH=DIR bench_widened.py --only "kiosk scan" --save before.json`` run that
checkout's cascade and Scanner on the same frames (the header names the tree used);
``--compare before.json`` then adds its contenders, named "…, before", to this run's tables.
Saved payloads are latin-1 text (one character a byte), with the times of that run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from bench_decoders import (
    ROOT,
    TODAY,
    Decode,
    Sample,
    Score,
    _cascade,
    _score_one,
    load_corpus,
    run,
)
from tables import Condition, by_condition, median_p95, pct, table, write_between

import kiosk
from kiosk.devices.qr_cascade import Effort, QrCascade
from kiosk.devices.qr_decoders import ZbarDecoder, ZxingDecoder, load_decoders
from kiosk.devices.qr_presence import LiveReader
from kiosk.domain.clock import FixedClock
from kiosk.services.identity.scanning import build_scanner

RESULTS = ROOT / "bench" / "qr" / "RESULTS.md"
NO_CODE = ("none", "barcode")


def _busy(stop: Any) -> None:  # a process that keeps one core busy until told to stop
    x = 0
    while not stop.is_set():
        for _ in range(10_000):
            x = (x * 1_103_515_245 + 12_345) & 0xFFFFFFFF


def kiosk_scan() -> Decode:
    """What ``kiosk scan`` reads in a file: the Scanner, thorough, its day the corpus's."""
    scanner = build_scanner(clock=FixedClock(datetime.combine(TODAY, time(9), tzinfo=UTC)))

    def decode(gray: Any) -> list[bytes]:
        read = scanner.scan_frame(gray, effort=Effort.THOROUGH).read
        return list(read.payloads) if read is not None else []

    return decode


def live(accept_ids: bool) -> Decode:
    """The camera's live path (first look, then the fast cascade), with or without accept."""
    reader = LiveReader(QrCascade(load_decoders()[0]))
    if not accept_ids:
        return lambda gray: list(reader.read(gray).payloads)
    from kiosk.services.identity.scanning import valid_id_card  # not in a checkout before it

    accept = valid_id_card(TODAY)
    return lambda gray: list(reader.read(gray, accept=accept).payloads)


def contenders(only: str | None) -> list[tuple[str, Decode]]:
    """The single decoders, the camera's paths and ``kiosk scan`` (or only some), made ready."""
    decoders, _ = load_decoders()
    every: list[tuple[str, Callable[[], Decode]]] = [
        ("zxing-cpp alone", lambda: ZxingDecoder().decode),
        ("zbar alone", lambda: ZbarDecoder().decode),
        ("cascade, fast (camera)", lambda: _cascade(decoders, Effort.FAST)),
        ("camera live path", lambda: live(accept_ids=False)),
        ("camera live path, accept only an ID (not used)", lambda: live(accept_ids=True)),
        ("cascade, thorough, first payload ends it", lambda: _cascade(decoders, Effort.THOROUGH)),
        ("kiosk scan (thorough)", kiosk_scan),
    ]
    return [(name, make()) for name, make in every if only is None or only in name]


def _blur_modules(t: dict[str, Any]) -> float:
    return float(
        max(
            t.get("defocus_modules", 0.0),
            t.get("disc_modules", 0.0),
            t.get("motion_modules", 0) / 2,
        )
    )


ROWS: list[Condition] = [
    ("defocus (Gaussian σ 0.3–0.9 module)", lambda t: t.get("category") == "defocus"),
    ("… of which σ ≥ 0.5 module", lambda t: t.get("defocus_modules", 0) >= 0.5),
    ("disc blur (radius 0.4–1.1 module)", lambda t: t.get("category") == "disc-blur"),
    ("… of which radius ≥ 0.7 module", lambda t: t.get("disc_modules", 0) >= 0.7),
    ("motion blur (1–2.5 modules)", lambda t: t.get("category") == "motion"),
    ("glare", lambda t: t.get("category") == "glare"),
    ("tilt 0.1–0.2", lambda t: t.get("category") == "tilt"),
    ("low contrast 0.12–0.35", lambda t: t.get("category") == "low-contrast"),
    ("JPEG quality 8–30", lambda t: t.get("category") == "jpeg"),
    ("tiny (1.1–2.0 px a module)", lambda t: t.get("category") == "tiny"),
    ("… of which < 1.5 px", lambda t: t.get("module_px", 9) < 1.5),
    ("mirrored", lambda t: t.get("category") == "mirrored"),
    ("inverted", lambda t: t.get("category") == "inverted"),
    ("curved card", lambda t: t.get("category") == "curved"),
    ("printed texture", lambda t: t.get("category") == "texture"),
    ("any blur ≥ half a module", lambda t: _blur_modules(t) >= 0.5),
]


def category_table(scores: Sequence[Score], corpus: Sequence[Sample]) -> str:
    """Read rate of ID frames by degradation, one column per contender."""
    return by_condition(scores, corpus, ROWS, counts=True)


def summary_table(scores: Sequence[Score], corpus: Sequence[Sample]) -> str:
    """Totals, false reads and time per contender."""
    head = ["contender", "ID frames read", "wrong payloads", "invalid or negative accepted as ID"]
    head += ["median ms", "p95 ms", "median / p95 ms, frames read", "median / p95 ms, no code"]
    head += ["median / p95 ms, a QR that is not an ID"]
    rows = []
    for s in scores:
        hits = [t for t, o, c in zip(s.times, s.outputs, corpus, strict=True) if c.payload in o]
        other = [t for t, c in zip(s.times, corpus, strict=True) if c.kind in ("url", "vietqr")]
        rows.append(
            [
                s.name,
                f"**{s.read}/{s.ids} ({s.read / s.ids:.1%})**",
                s.wrong,
                s.accepted_negatives,
                f"{statistics.median(s.times):.1f}",
                f"{pct(s.times, 0.95):.1f}",
                median_p95(hits),
                median_p95(s.idle_times),
                median_p95(other),
            ]
        )
    negatives = sum(s.kind != "id" for s in corpus)
    invalid = sum(s.kind == "invalid_id" for s in corpus)
    note = f"\n(Negatives: {negatives} frames, of which {invalid} hold an invalid ID.)\n"
    return table(head, rows) + note


def save(scores: Sequence[Score], corpus: Sequence[Sample], path: Path) -> None:
    """Every frame's payloads (latin-1 text) and time, by contender, for ``--compare``."""
    saved = {
        s.name: {
            "frames": {
                c.file: sorted(p.decode("latin-1") for p in o)
                for c, o in zip(corpus, s.outputs, strict=True)
            },
            "times": dict(zip((c.file for c in corpus), s.times, strict=True)),
        }
        for s in scores
    }
    path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")


def compared(path: Path, corpus: Sequence[Sample], label: str) -> list[Score]:
    """The contenders saved by another run (``--save``), scored again on ``corpus``."""
    scores = []
    for name, saved in json.loads(path.read_text(encoding="utf-8")).items():
        score = Score(f"{name}, {label}")
        for sample in corpus:
            payloads = [p.encode("latin-1") for p in saved["frames"][sample.file]]
            score.times.append(saved["times"][sample.file])
            if sample.kind in NO_CODE:
                score.idle_times.append(score.times[-1])
            score.outputs.append(frozenset(payloads))
            _score_one(score, sample, payloads)
        scores.append(score)
    return scores


def load_check(corpus: Sequence[Sample], processes: int) -> str:
    """Thorough mode on the same frames, quiet and under ``processes`` busy processes."""
    decode = kiosk_scan()
    load_quiet = os.getloadavg()[0]
    quiet = run("quiet", decode, corpus)
    stop = multiprocessing.Event()
    workers = [multiprocessing.Process(target=_busy, args=(stop,)) for _ in range(processes)]
    for w in workers:
        w.start()
    try:
        load_during = os.getloadavg()[0]
        loaded = run("loaded", decode, corpus)
        load_during = max(load_during, os.getloadavg()[0])
    finally:
        stop.set()
        for w in workers:
            w.join()
    differ = sum(a != b for a, b in zip(quiet.outputs, loaded.outputs, strict=True))
    runs = [
        (f"as the machine was (load {load_quiet:.1f} before)", quiet),
        (f"{processes} more busy processes (load up to {load_during:.1f})", loaded),
    ]
    rows = [
        [
            label,
            f"{s.read}/{s.ids}",
            s.wrong,
            f"{statistics.median(s.times):.1f}",
            f"{pct(s.times, 0.95):.1f}",
        ]
        for label, s in runs
    ]
    body = table(["run", "ID frames read", "wrong payloads", "median ms", "p95 ms"], rows)
    note = f"Frames whose payloads differ between the two runs: {differ} of {len(corpus)}."
    return f"{body}\n{note}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "qr-dev")
    parser.add_argument("--label", default="dev", help="the marker the tables go between")
    parser.add_argument("--only", help="run only the contenders whose name contains this")
    parser.add_argument("--load", type=int, default=0, help="busy processes: the load check")
    parser.add_argument("--save", type=Path, help="write every frame's payloads here (JSON)")
    parser.add_argument("--compare", type=Path, help="add the contenders another run saved")
    parser.add_argument("--compare-label", default="before", help="their names end with this")
    parser.add_argument("--write", action="store_true", help="write the tables to RESULTS.md")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    load_before = os.getloadavg()[0]
    if args.load:
        body = load_check(corpus, args.load)
    else:
        scores = [run(name, decode, corpus) for name, decode in contenders(args.only)]
        if args.save:
            save(scores, corpus, args.save)
        if args.compare:
            scores[-1:-1] = compared(args.compare, corpus, args.compare_label)
        body = summary_table(scores, corpus) + "\n" + category_table(scores, corpus)
    tree = Path(kiosk.__file__).resolve().parents[1]
    body = (
        f"- Corpus {args.corpus.name}: {len(corpus)} frames; load average (1 min) "
        f"before/after: {load_before:.2f} / {os.getloadavg()[0]:.2f}; kiosk from "
        f"{'this tree' if tree == ROOT else tree}.\n\n{body}"
    )
    print(body)
    if args.write:
        marks = (f"<!-- widened-{args.label}:{end} -->" for end in ("start", "end"))
        write_between(body, RESULTS, *marks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
