"""The cascade on the widened corpus (issue 16): read rate by degradation, false reads, time.

    .venv/bin/python bench/qr/generate_corpus.py --profile widened --seed 4242 \
        --out bench/out/qr-dev
    .venv/bin/python bench/qr/bench_widened.py --corpus bench/out/qr-dev [--label dev] [--write]
    .venv/bin/python bench/qr/bench_widened.py --corpus bench/out/qr-dev --load 4 --only thorough

Contenders: zxing-cpp and zbar alone (the kiosk's wrappers), the cascade in fast (camera)
and thorough (file, what ``kiosk scan`` uses) mode. "Read" means the exact payload bytes of
an ID frame came back; "wrong" any other payload from any frame; "invalid accepted" an
invalid-ID frame or a negative whose payload ``parse_id_payload`` accepted. ``--load N``
runs N busy processes during the timed run and then compares, frame by frame, what thorough
mode read against a run on the same frames without them (the load-independence check).
``--save FILE`` keeps every frame's payloads (JSON) for a before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench_decoders import (
    ROOT,
    Decode,
    Sample,
    Score,
    _cascade,
    _pct,
    load_corpus,
    run,
    write_results,
)

from kiosk.devices.qr_cascade import Effort
from kiosk.devices.qr_decoders import ZbarDecoder, ZxingDecoder, load_decoders

RESULTS = ROOT / "bench" / "qr" / "RESULTS.md"
NO_CODE = ("none", "barcode")


def _busy(stop: Any) -> None:  # a process that keeps one core busy until told to stop
    x = 0
    while not stop.is_set():
        for _ in range(10_000):
            x = (x * 1_103_515_245 + 12_345) & 0xFFFFFFFF


def contenders(only: str | None) -> list[tuple[str, Decode]]:
    """The single decoders and the cascade's two modes (or only one of them)."""
    decoders, _ = load_decoders()
    every: list[tuple[str, Decode]] = [
        ("zxing-cpp alone", ZxingDecoder().decode),
        ("zbar alone", ZbarDecoder().decode),
        ("cascade, fast (camera)", _cascade(decoders, Effort.FAST)),
        ("cascade, thorough (kiosk scan)", _cascade(decoders, Effort.THOROUGH)),
    ]
    if only is None:
        return every
    return [c for c in every if only in c[0]]


def _blur_modules(t: dict[str, Any]) -> float:
    return max(
        t.get("defocus_modules", 0.0), t.get("disc_modules", 0.0), t.get("motion_modules", 0) / 2
    )


ROWS: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
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
    head = "| ID frames with | n | " + " | ".join(s.name for s in scores) + " |\n"
    head += "|---|---|" + "---|" * len(scores) + "\n"
    rows = []
    for label, applies in ROWS:
        picked = [i for i, s in enumerate(corpus) if s.kind == "id" and applies(s.truth)]
        if not picked:
            continue
        cells = []
        for score in scores:
            read = sum(corpus[i].payload in score.outputs[i] for i in picked)
            cells.append(f"{read}/{len(picked)} ({read / len(picked):.0%})")
        rows.append(f"| {label} | {len(picked)} | " + " | ".join(cells) + " |")
    return head + "\n".join(rows) + "\n"


def summary_table(scores: Sequence[Score], corpus: Sequence[Sample]) -> str:
    """Totals, false reads and time per contender."""
    head = (
        "| contender | ID frames read | wrong payloads | invalid or negative accepted as ID "
        "| median ms | p95 ms | median / p95 ms, frames read | median / p95 ms, no code |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for s in scores:
        hits = [t for t, o, c in zip(s.times, s.outputs, corpus, strict=True) if c.payload in o]
        rows.append(
            f"| {s.name} | **{s.read}/{s.ids} ({s.read / s.ids:.1%})** | {s.wrong} "
            f"| {s.accepted_negatives} | {statistics.median(s.times):.1f} "
            f"| {_pct(s.times, 0.95):.1f} "
            f"| {statistics.median(hits):.1f} / {_pct(hits, 0.95):.1f} "
            f"| {statistics.median(s.idle_times):.1f} / {_pct(s.idle_times, 0.95):.1f} |"
        )
    negatives = sum(s.kind != "id" for s in corpus)
    invalid = sum(s.kind == "invalid_id" for s in corpus)
    note = f"\n(Negatives: {negatives} frames, of which {invalid} hold an invalid ID.)\n"
    return head + "\n".join(rows) + "\n" + note


def load_check(corpus: Sequence[Sample], processes: int) -> str:
    """Thorough mode on the same frames, quiet and under ``processes`` busy processes."""
    decode = contenders("thorough")[0][1]
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
    return (
        f"| run | ID frames read | median ms | p95 ms |\n|---|---|---|---|\n"
        f"| as the machine was (load {load_quiet:.1f} before) | {quiet.read}/{quiet.ids} "
        f"| {statistics.median(quiet.times):.1f} | {_pct(quiet.times, 0.95):.1f} |\n"
        f"| {processes} more busy processes (load up to {load_during:.1f}) "
        f"| {loaded.read}/{loaded.ids} | {statistics.median(loaded.times):.1f} "
        f"| {_pct(loaded.times, 0.95):.1f} |\n\n"
        f"Frames whose payloads differ between the two runs: {differ} of {len(corpus)}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "qr-dev")
    parser.add_argument("--label", default="dev", help="the marker the tables go between")
    parser.add_argument("--only", help="run only the contenders whose name contains this")
    parser.add_argument("--load", type=int, default=0, help="busy processes: the load check")
    parser.add_argument("--save", type=Path, help="write every frame's payloads here (JSON)")
    parser.add_argument("--write", action="store_true", help="write the tables to RESULTS.md")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    load_before = os.getloadavg()[0]
    if args.load:
        body = load_check(corpus, args.load)
    else:
        scores = [run(name, decode, corpus) for name, decode in contenders(args.only)]
        body = summary_table(scores, corpus) + "\n" + category_table(scores, corpus)
        if args.save:
            frames = {
                s.name: {
                    c.file: sorted(p.decode() for p in o)
                    for c, o in zip(corpus, s.outputs, strict=True)
                }
                for s in scores
            }
            args.save.write_text(json.dumps(frames, ensure_ascii=False), encoding="utf-8")
    body = (
        f"- Corpus {args.corpus.name}: {len(corpus)} frames; load average (1 min) "
        f"before/after: {load_before:.2f} / {os.getloadavg()[0]:.2f}.\n\n{body}"
    )
    print(body)
    if args.write:
        write_results(
            body,
            RESULTS,
            f"<!-- widened-{args.label}:start -->",
            f"<!-- widened-{args.label}:end -->",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
