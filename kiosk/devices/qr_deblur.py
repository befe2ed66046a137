"""Undoing blur on a code-like region: Wiener deconvolution with a guessed point-spread.

A code blurred by half a module or more has lost its edges but not its information: the
blur is a convolution, and dividing it out in the frequency domain (damped where the blur
left nothing, so noise is not blown up) brings the modules back well enough for zxing-cpp.
The blur is unknown, so a few shapes are tried at sizes that follow the module size the
region suggests: a Gaussian (defocus), a disc (a round aperture out of focus) and a line
(hand shake) along the direction in which the region has least gradient energy. Numpy's
FFT only; all functions take and return 8-bit greyscale arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .qr_decoders import GrayImage

Floats = npt.NDArray[np.float32]
TYPICAL_MODULES = 56  # a code-like patch's side over this is about the module size
PAD = 16  # pixels of mirrored border against the FFT's wrap-around
NOISE_TO_SIGNAL = 0.006  # Wiener's damping; heavier blurs need less (see Blur.damping)


@dataclass(frozen=True)
class Blur:
    """One guess at the blur: ``shape`` (gauss, disc or line), its size in modules, and
    Wiener's damping (lower undoes more, and amplifies more noise)."""

    shape: str
    modules: float
    damping: float = NOISE_TO_SIGNAL


def _shrunk(big: npt.NDArray[np.uint8], size: int) -> Floats:
    import cv2

    kernel = cv2.resize(big.astype(np.float32), (size, size), interpolation=cv2.INTER_AREA)
    return np.asarray(kernel / max(float(kernel.sum()), 1e-6), np.float32)


def blur_kernel(blur: Blur, module_px: float, angle: float = 0.0) -> Floats:
    """The point-spread of ``blur`` for modules of ``module_px`` pixels, summing to one.

    Discs and lines are drawn 8x larger, anti-aliased, then shrunk: sub-pixel sizes count.
    """
    import cv2

    extent = blur.modules * module_px
    if blur.shape == "gauss":
        radius = max(1, math.ceil(3 * extent))
        axis = np.arange(-radius, radius + 1, dtype=np.float32)
        profile = np.exp(-(axis**2) / (2 * extent**2))
        kernel = np.outer(profile, profile)
        return np.asarray(kernel / kernel.sum(), np.float32)
    size, fine = 2 * math.ceil(extent) + 3, 8
    big = np.zeros((size * fine, size * fine), np.uint8)
    centre = size * fine / 2
    if blur.shape == "disc":
        c = int(centre)
        cv2.circle(big, (c, c), max(1, round(extent * fine)), 255, -1, cv2.LINE_AA)
    else:
        dx, dy = math.cos(angle) * extent * fine / 2, math.sin(angle) * extent * fine / 2
        ends = (int(centre - dx), int(centre - dy)), (int(centre + dx), int(centre + dy))
        cv2.line(big, ends[0], ends[1], 255, fine, cv2.LINE_AA)
    return _shrunk(big, size)


def blur_direction(gray: GrayImage) -> float:
    """The angle (radians) along which ``gray`` has least gradient energy: a shake's line."""
    import cv2

    image = gray.astype(np.float32)
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1)
    xx, yy, xy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    return 0.5 * math.atan2(2 * xy, xx - yy) + math.pi / 2


class Deconvolver:
    """One region's spectrum, computed once, divided by each guessed blur in turn."""

    def __init__(self, gray: GrayImage) -> None:
        import cv2

        padded = cv2.copyMakeBorder(gray, PAD, PAD, PAD, PAD, cv2.BORDER_REFLECT)
        self.shape = padded.shape
        self.spectrum = np.fft.rfft2(padded.astype(np.float32))
        self._angle: float | None = None
        self._gray = gray

    @property
    def angle(self) -> float:
        """The region's likely shake direction (computed on first use)."""
        if self._angle is None:
            self._angle = blur_direction(self._gray)
        return self._angle

    def undo(self, blur: Blur, module_px: float) -> GrayImage:
        """The region with ``blur`` (sized for modules of ``module_px``) divided out."""
        kernel = blur_kernel(blur, module_px, self.angle if blur.shape == "line" else 0.0)
        psf = np.zeros(self.shape, np.float32)
        kh, kw = kernel.shape
        psf[:kh, :kw] = kernel
        psf = np.roll(psf, (-(kh // 2), -(kw // 2)), (0, 1))
        transfer = np.fft.rfft2(psf)
        restored = self.spectrum * np.conj(transfer) / (np.abs(transfer) ** 2 + blur.damping)
        image = np.fft.irfft2(restored, s=self.shape)[PAD:-PAD, PAD:-PAD]
        return np.clip(image, 0, 255).astype(np.uint8)
