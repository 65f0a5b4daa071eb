"""The layout's vectorised force helpers give the same floats, bit for bit, as the plain
numpy formulas they replaced."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial import cKDTree

from graph.export import html


def _near_plain(pos: np.ndarray, k: float) -> np.ndarray:
    """The near repulsion as first written: row gathers, a row sum, bincounts into zeros."""
    pairs = cKDTree(pos).query_pairs(html.NEAR_RADIUS * k, output_type="ndarray")
    out = np.zeros_like(pos)
    if len(pairs) == 0:
        return out
    delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    dist2 = np.maximum((delta ** 2).sum(axis=1), 1e-12)
    force = delta * (k * k / dist2)[:, None]
    for axis in (0, 1):
        out[:, axis] += np.bincount(pairs[:, 0], weights=force[:, axis], minlength=len(pos))
        out[:, axis] -= np.bincount(pairs[:, 1], weights=force[:, axis], minlength=len(pos))
    return out


def _attraction_plain(pos: np.ndarray, edges: np.ndarray, k: float) -> np.ndarray:
    """The edge attraction as first written."""
    out = np.zeros_like(pos)
    if len(edges) == 0:
        return out
    delta = pos[edges[:, 0]] - pos[edges[:, 1]]
    dist = np.hypot(delta[:, 0], delta[:, 1])
    force = delta * (dist / k)[:, None]
    for axis in (0, 1):
        out[:, axis] -= np.bincount(edges[:, 0], weights=force[:, axis], minlength=len(pos))
        out[:, axis] += np.bincount(edges[:, 1], weights=force[:, axis], minlength=len(pos))
    return out


def _positions(n: int, seed: int) -> np.ndarray:
    """Return ``n`` clustered positions (dense clumps give many close pairs, some coincident)."""
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2))
    pos[: n // 3] *= 0.05
    pos[n // 3 : n // 3 + 5] = pos[0]  # coincident nodes: the 1e-12 floor
    return pos


@pytest.mark.parametrize("n, seed", [(2, 1), (50, 2), (1500, 3), (4000, 4)])
def test_near_repulsion_is_the_plain_formula(n: int, seed: int) -> None:
    pos = _positions(n, seed)
    k = 2.0 / math.sqrt(n)
    assert html._near_repulsion(pos, k).tobytes() == _near_plain(pos, k).tobytes()


def test_near_repulsion_without_pairs_is_zero() -> None:
    pos = np.array([[-1.0, -1.0], [1.0, 1.0]])
    assert html._near_repulsion(pos, 0.1).tolist() == [[0.0, 0.0], [0.0, 0.0]]


@pytest.mark.parametrize("n, seed", [(3, 5), (800, 6)])
def test_attraction_is_the_plain_formula(n: int, seed: int) -> None:
    pos = _positions(n, seed)
    rng = np.random.default_rng(seed)
    edges = np.unique(np.sort(rng.integers(0, n, (3 * n, 2)), axis=1), axis=0)
    edges = edges[edges[:, 0] != edges[:, 1]]
    k = 2.0 / math.sqrt(n)
    heads, tails = edges[:, 0].copy(), edges[:, 1].copy()
    assert html._attraction(pos, heads, tails, k).tobytes() == _attraction_plain(pos, edges, k).tobytes()
    empty = np.zeros(0, dtype=np.int64)
    assert html._attraction(pos, empty, empty, k).tobytes() == np.zeros_like(pos).tobytes()
