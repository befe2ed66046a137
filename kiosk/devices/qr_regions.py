"""Where a QR code may be in a frame, and image fixes that help a decoder read it.

A small or blurred code defeats the decoders' own finder-pattern search. Its texture does
not: a QR code is a square patch where nearly every pixel is next to a black/white edge.
:func:`find_code_regions` marks such patches on a coarse grid, cheaply (about 2 ms on a
1280x720 frame), so the cascade can upscale and sharpen just them instead of the whole frame.
All functions take and return 8-bit greyscale arrays; OpenCV is imported by the caller's
first use, never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .qr_decoders import GrayImage

CELL = 8  # grid cell of the texture map, in pixels of the analysed image
MIN_EDGE_DENSITY = 0.3  # share of a cell's pixels on an edge for it to count as code texture
STRICT = 0.55  # the second, stricter pass of thorough mode
MIN_SIDE = 40  # pixels: an ID card's code (37+ modules) at 1.5 px per module is 55 wide
MAX_ASPECT = 1.8  # a tilted square stays well under this; text lines do not
MIN_FILL = 0.5  # share of its rotated bounding box a patch covers
ANALYSIS_SIDE = 1600  # larger frames are analysed downscaled to this long side


@dataclass(frozen=True)
class Region:
    """An axis-aligned box (pixels of the frame) that may hold a code, and its score."""

    x0: int
    y0: int
    x1: int
    y1: int
    score: float

    @property
    def side(self) -> int:
        """The longer side of the box."""
        return max(self.x1 - self.x0, self.y1 - self.y0)


def _cv2() -> Any:
    import cv2

    return cv2


def find_code_regions(gray: GrayImage, limit: int = 4, *, thorough: bool = False) -> list[Region]:
    """Up to ``limit`` square-ish patches of dense edges, most code-like first.

    ``thorough`` (files) also looks at the frame halved, where a blurred code's edges are
    dense again, with a stricter density that parts a code from the text beside it, and
    cuts square windows out of patches too long to be a code (a code merged with a text
    line or the card's edge under a strong tilt).
    """
    if min(gray.shape) < MIN_SIDE:
        return []
    found = _find(gray, 1.0, MIN_EDGE_DENSITY, windows=False)
    found.sort(key=lambda r: r.score, reverse=True)
    if not thorough:
        return found[:limit]
    # The plain pass's best come first, as in fast mode; the others' add what they miss.
    kept = found[: limit // 2]
    extra = found[limit // 2 :]
    for shrink, density in ((0.5, MIN_EDGE_DENSITY), (1.0, STRICT), (0.5, STRICT)):
        extra += _find(gray, shrink, density, windows=True)
    extra += _find(gray, 1.0, MIN_EDGE_DENSITY, windows=True)
    extra.sort(key=lambda r: r.score, reverse=True)
    for region in extra:
        if all(_overlap(region, k) < 0.6 for k in kept):
            kept.append(region)
    return kept[:limit]


def _overlap(a: Region, b: Region) -> float:
    """Intersection over the smaller box's area."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0))
    return w * h / max(smaller, 1)


def _find(gray: GrayImage, shrink: float, min_density: float, *, windows: bool) -> list[Region]:
    cv2 = _cv2()
    scale = min(1.0, ANALYSIS_SIDE / max(gray.shape)) * shrink
    if min(gray.shape) * scale < MIN_SIDE:
        return []
    work = (
        gray
        if scale == 1.0
        else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    kernel = np.ones((3, 3), np.uint8)
    gradient = cv2.morphologyEx(work, cv2.MORPH_GRADIENT, kernel)
    level, _ = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    edges = (gradient > max(level, 12)).astype(np.float32)
    height, width = work.shape
    density = cv2.resize(edges, (width // CELL, height // CELL), interpolation=cv2.INTER_AREA)
    mask = (density > min_density).astype(np.uint8)
    # Opening cuts the thin bridges (card edges, text) that join a code to its surroundings.
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for contour in contours:
        region = _region(cv2, contour, density, CELL / scale)
        if region is not None:
            found.append(region)
        elif windows:
            found += _windows(cv2, contour, density, CELL / scale)
    return found


def _windows(cv2: Any, contour: Any, density: Any, cell: float) -> list[Region]:
    """Square windows along a patch too long to be a code, scored below whole patches."""
    x, y, bw, bh = cv2.boundingRect(contour)
    side = min(bw, bh)
    if side * cell < MIN_SIDE or max(bw, bh) > 6 * side:
        return []
    step = max(1, side // 2)
    found = []
    for dx in range(0, bw - side + 1, step if bw > bh else bw):
        for dy in range(0, bh - side + 1, step if bh > bw else bh):
            patch = density[y + dy : y + dy + side, x + dx : x + dx + side]
            x0, y0 = x + dx, y + dy
            score = 0.5 * float(patch.mean())
            found.append(
                Region(
                    int(x0 * cell),
                    int(y0 * cell),
                    int((x0 + side) * cell),
                    int((y0 + side) * cell),
                    score,
                )
            )
    return found


def _region(cv2: Any, contour: Any, density: Any, cell: float) -> Region | None:
    area = float(cv2.contourArea(contour))
    if area * cell * cell < MIN_SIDE * MIN_SIDE:
        return None
    _, (w, h), _ = cv2.minAreaRect(contour)
    if min(w, h) == 0:
        return None
    aspect, fill = max(w, h) / min(w, h), area / (w * h)
    if aspect > MAX_ASPECT or fill < MIN_FILL:
        return None
    x, y, bw, bh = cv2.boundingRect(contour)
    score = fill / aspect * float(density[y : y + bh, x : x + bw].mean())
    return Region(int(x * cell), int(y * cell), int((x + bw) * cell), int((y + bh) * cell), score)


def crop(gray: GrayImage, region: Region, margin: float = 0.15) -> GrayImage:
    """The region with a margin around it for the quiet zone, clipped to the frame."""
    pad = int(region.side * margin)
    top, left = max(0, region.y0 - pad), max(0, region.x0 - pad)
    return gray[top : region.y1 + pad, left : region.x1 + pad]


def upscale(gray: GrayImage, factor: float, *, lanczos: bool = True) -> GrayImage:
    """Upscale by ``factor``: Lanczos for small crops; cubic (as many reads in the trials, at
    half the cost) for whole frames."""
    if factor <= 1.0:
        return gray
    cv2 = _cv2()
    method = cv2.INTER_LANCZOS4 if lanczos else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(gray, None, fx=factor, fy=factor, interpolation=method), np.uint8)


def sharpen(gray: GrayImage, sigma: float, amount: float) -> GrayImage:
    """Unsharp mask: ``gray + amount * (gray - blur(gray, sigma))``, saturated to 0–255."""
    cv2 = _cv2()
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    result: GrayImage = cv2.addWeighted(gray, 1.0 + amount, blurred, -amount, 0)
    return result


def adaptive_threshold(gray: GrayImage) -> GrayImage:
    """Black and white by a local Gaussian-weighted threshold (uneven light, glare edges)."""
    cv2 = _cv2()
    result: GrayImage = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 2
    )
    return result
