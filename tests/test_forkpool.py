"""fork_map: workers see the shared object without it being pickled; errors reach the parent."""

from __future__ import annotations

import os
import threading
from concurrent.futures.process import BrokenProcessPool

import pytest

from graph import forkpool

pytestmark = pytest.mark.skipif(not forkpool.can_fork(2), reason="this platform cannot fork")


def _scaled(item: int) -> int:
    factor, _lock = forkpool.shared()
    return item * factor


def _fails(item: int) -> int:
    raise ValueError(f"bad item {item}")


def test_workers_read_the_shared_object_even_one_that_cannot_be_pickled() -> None:
    unpicklable = threading.Lock()  # a lock cannot be pickled: it must reach the workers by fork
    assert forkpool.fork_map(_scaled, range(6), (10, unpicklable), jobs=2) == [0, 10, 20, 30, 40, 50]
    assert forkpool._SHARED == []


def test_an_error_in_a_worker_reaches_the_parent_and_the_slot_is_cleared() -> None:
    with pytest.raises(ValueError, match="bad item"):
        forkpool.fork_map(_fails, [1, 2], object(), jobs=2)
    assert forkpool._SHARED == []


def test_one_job_is_no_reason_to_fork() -> None:
    assert not forkpool.can_fork(1)


def _dies(item: int) -> int:
    os._exit(3)


def test_a_worker_that_dies_is_an_error_not_a_short_result() -> None:
    with pytest.raises(BrokenProcessPool):
        forkpool.fork_map(_dies, [1, 2, 3], object(), jobs=2)
    assert forkpool._SHARED == []
