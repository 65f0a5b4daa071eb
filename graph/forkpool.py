"""Map a function over items in this process and forked children that share one object copy-on-write.

Used where a stage's input is large (a corpus's resolved mentions, a built graph): the parent
puts it in :func:`fork_map`'s ``shared`` slot just before the children fork, so it is never
pickled; each process reads it with :func:`shared`, and only the children's results cross
between processes.

The parent works too, as one of the ``jobs``: it would otherwise wait idle, and unlike a child
it touches the shared object without copying the memory pages it writes reference counts into
(a forked child copies every page it touches, which cost a pool of two children about half a
second each on a built graph of 10 MB of news). Items go to whichever process is free, in order
(the first to the parent: longest first is the caller's choice of order); the results come
back in the items' order.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: The object the processes of the running :func:`fork_map` share (empty between calls).
_SHARED: list[Any] = []


class WorkerError(RuntimeError):
    """A forked child of :func:`fork_map` died or raised something that cannot be pickled."""


def can_fork(jobs: int) -> bool:
    """Return True when ``jobs`` > 1 and this platform starts processes by forking."""
    return jobs > 1 and "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable[[Item], Result], items: Iterable[Item], shared: Any, jobs: int) -> list[Result]:
    """Return ``[function(item) for item in items]``, run in this process and ``jobs - 1``
    forked children, in all of which :func:`shared` returns ``shared``.

    Raises what ``function`` raises, here or in a child (there, the error of the lowest item
    that failed), or :class:`WorkerError` when a child dies. No child outlives the call.
    """
    todo = list(items)
    _SHARED[:] = [shared]
    try:
        return _run(function, todo, max(1, min(jobs, len(todo))))
    finally:
        _SHARED.clear()


def shared() -> Any:
    """Return the object the parent shared with this process's :func:`fork_map`."""
    return _SHARED[0]


def _run(function: Callable[[Item], Result], todo: list[Item], jobs: int) -> list[Result]:
    """Run ``function`` over ``todo`` in this process and ``jobs - 1`` children; return the results in order."""
    # the first item is this process's, taken before any child starts: the longest where the
    # caller orders items by length, and a child pays for the pages it touches
    counter = multiprocessing.get_context("fork").Value("q", 1 if todo else 0)
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        for _ in range(jobs - 1):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(read_end)
                _child(function, todo, counter, write_end)
            os.close(write_end)
            children.append((pid, read_end))
        done = {0: function(todo[0])} if todo else {}
        done.update(_take(function, todo, counter))
        while children:
            pid, read_end = children.pop()  # _collect reaps it, whatever happens
            done.update(_collect(pid, read_end))
    finally:
        for pid, read_end in children:  # only on an error in this process: stop the rest
            os.kill(pid, signal.SIGKILL)
            os.close(read_end)
            os.waitpid(pid, 0)
    failed = [done[i] for i in sorted(done) if isinstance(done[i], _Failure)]
    if failed:
        raise failed[0].error
    return [done[i] for i in range(len(todo))]


class _Failure:
    """An item's error, carried back from a child in place of its result."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _take(function: Callable[[Item], Result], todo: list[Item], counter: Any, keep_error: bool = False) -> dict[int, Any]:
    """Run ``function`` on the items whose turn this process takes from the shared ``counter``
    until none is left; return ``{index: result}``. An error is raised, or with ``keep_error``
    kept as the last item's result, a :class:`_Failure`, and no more items are taken."""
    done: dict[int, Any] = {}
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(todo):
            return done
        try:
            done[index] = function(todo[index])
        except Exception as error:
            if not keep_error:
                raise
            done[index] = _Failure(error)
            return done


def _child(function: Callable[[Item], Result], todo: list[Item], counter: Any,
           write_end: int) -> None:  # pragma: no cover - runs in the forked child
    """Take items like the parent, send ``{index: result}`` (or the error) down ``write_end``, exit."""
    status = 0
    try:
        try:
            done = _take(function, todo, counter, keep_error=True)
            payload = pickle.dumps(done, pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # noqa: BLE001 - every error goes back to the parent
            text = "".join(traceback.format_exception(error))
            payload = _pickled_failure(len(todo), WorkerError(f"a worker failed:\n{text}"))
            status = 1
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers


def _pickled_failure(index: int, error: BaseException) -> bytes:
    """Return ``{index: _Failure(error)}`` pickled, or with a :class:`WorkerError` holding the
    traceback's text when ``error`` cannot be pickled."""
    try:
        return pickle.dumps({index: _Failure(error)}, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001
        text = "".join(traceback.format_exception(error))
        return pickle.dumps({index: _Failure(WorkerError(f"a worker failed:\n{text}"))}, pickle.HIGHEST_PROTOCOL)


def _collect(pid: int, read_end: int) -> dict[int, Any]:
    """Read the child ``pid``'s results from ``read_end`` and reap it; return ``{index: result}``."""
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        return pickle.loads(payload)
    except Exception as error:  # an empty or torn payload: the child died
        code = os.waitstatus_to_exitcode(status)
        raise WorkerError(f"a worker process died (exit code {code})") from error
