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


def find_code_regions(gray: GrayImage, limit: int = 4) -> list[Region]:
    """Up to ``limit`` square-ish patches of dense edges, most code-like first."""
    if min(gray.shape) < MIN_SIDE:
        return []
    cv2 = _cv2()
    scale = min(1.0, ANALYSIS_SIDE / max(gray.shape))
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
    mask = (density > MIN_EDGE_DENSITY).astype(np.uint8)
    # Opening cuts the thin bridges (card edges, text) that join a code to its surroundings.
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for contour in contours:
        region = _region(cv2, contour, density, CELL / scale)
        if region is not None:
            found.append(region)
    found.sort(key=lambda r: r.score, reverse=True)
    return found[:limit]


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
