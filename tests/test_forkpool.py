"""fork_map: workers see the shared object without it being pickled; errors reach the parent."""

from __future__ import annotations

import os
import threading
import time

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


def _pid_after_a_pause(item: int) -> int:
    time.sleep(0.05)
    return os.getpid()


def test_the_parent_works_too_and_results_keep_the_items_order() -> None:
    pids = forkpool.fork_map(_pid_after_a_pause, range(12), None, jobs=2)
    assert len(pids) == 12
    assert pids[0] == os.getpid(), "the first item (the longest, where the caller sorts) is not the parent's"
    assert len(set(pids)) == 2, "no child took an item"
    assert forkpool.fork_map(_scaled, range(30), (3, None), jobs=3) == [3 * i for i in range(30)]


def _dies_in_a_child(item: int) -> int:
    if os.getpid() != PARENT[0]:
        os._exit(3)
    time.sleep(0.2)
    return item


PARENT = [os.getpid()]


def test_a_child_that_dies_is_an_error_not_a_short_result() -> None:
    PARENT[0] = os.getpid()
    with pytest.raises(forkpool.WorkerError, match="exit code 3"):
        forkpool.fork_map(_dies_in_a_child, range(4), None, jobs=2)
    _assert_no_children_left()


def _lock_after_a_pause(item: int) -> threading.Lock:
    time.sleep(0.05)
    return threading.Lock()


def test_a_result_a_child_cannot_send_is_an_error_naming_why() -> None:
    with pytest.raises(forkpool.WorkerError, match="pickle"):
        forkpool.fork_map(_lock_after_a_pause, range(6), None, jobs=2)
    _assert_no_children_left()


def _parent_fails(item: int) -> int:
    if os.getpid() == PARENT[0]:
        raise KeyError("in the parent")
    time.sleep(5)  # a child still busy when the parent fails: it is stopped, not waited for
    return item


def test_an_error_in_the_parent_stops_the_children() -> None:
    PARENT[0] = os.getpid()
    started = time.perf_counter()
    with pytest.raises(KeyError, match="in the parent"):
        forkpool.fork_map(_parent_fails, range(4), None, jobs=2)
    assert time.perf_counter() - started < 4
    _assert_no_children_left()


def _assert_no_children_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
