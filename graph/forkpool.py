"""Map a function over items in forked worker processes that share one object copy-on-write.

Used where a stage's input is large (a corpus's resolved mentions, a built graph): the parent
puts it in :func:`fork_map`'s ``shared`` slot just before the workers fork, so it is never
pickled; each worker reads it with :func:`shared`, and only the items and results cross
between processes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: The object the workers of the running :func:`fork_map` share (empty between calls).
_SHARED: list[Any] = []


def can_fork(jobs: int) -> bool:
    """Return True when ``jobs`` > 1 and this platform starts processes by forking."""
    return jobs > 1 and "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable[[Item], Result], items: Iterable[Item], shared: Any, jobs: int) -> list[Result]:
    """Return ``[function(item) for item in items]``, run in ``jobs`` forked processes in
    which :func:`shared` returns ``shared``. Raises what ``function`` raises."""
    _SHARED[:] = [shared]
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(function, items))
    finally:
        _SHARED.clear()


def shared() -> Any:
    """Return the object the parent shared with this worker of :func:`fork_map`."""
    return _SHARED[0]
