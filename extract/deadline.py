"""A per-document time budget, so one pathological file cannot hold a batch hostage.

In a process's main thread (local worker processes, the serial loop) SIGALRM interrupts the
work; in any other thread (dask workers run tasks in threads) a timer thread raises the error
asynchronously in the working thread. Both interrupt Python code between bytecodes; a single
C call (one regex search) finishes first, which is why every stage is kept linear.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DocumentTimeoutError


@contextmanager
def deadline(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Raise DocumentTimeoutError in the calling thread when the block runs over `seconds`."""
    if not seconds or seconds <= 0:
        yield
        return
    message = f"{what} took longer than the --doc-timeout of {seconds:g} s"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):

        def on_alarm(signum: int, frame: object) -> None:
            raise DocumentTimeoutError(message)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    ident = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(DocumentTimeoutError))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except DocumentTimeoutError as exc:
        raise DocumentTimeoutError(message) from exc
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # the async error may still be pending if it lands after the block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
