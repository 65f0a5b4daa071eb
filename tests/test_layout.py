"""The html layout's FFT convolution gives scipy.signal.fftconvolve's arrays bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import fftconvolve

from graph.export.html import convolve_same


@pytest.mark.parametrize("cells", [8, 9, 13, 31, 51, 64, 100, 127, 128])
def test_convolve_same_is_fftconvolve_bit_for_bit(cells: int) -> None:
    rng = np.random.default_rng(cells)
    mass = rng.integers(0, 6, (cells, cells))
    kernels = (rng.normal(size=(2 * cells - 1, 2 * cells - 1)), rng.normal(size=(2 * cells - 1, 2 * cells - 1)))
    got = convolve_same(mass, kernels)
    for kernel, array in zip(kernels, got):
        assert array.shape == mass.shape
        assert np.array_equal(array, fftconvolve(mass, kernel, mode="same"))
