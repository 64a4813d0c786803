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

# after the budget, the error is raised again every REPEAT seconds until the block is left: one
# raised inside a garbage-collector callback or a __del__ is swallowed by Python
REPEAT = 0.05


@contextmanager
def deadline(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Raise DocumentTimeoutError in the calling thread when the block runs over `seconds`."""
    if not seconds or seconds <= 0:
        yield
        return
    message = f"{what} took longer than the --doc-timeout of {seconds:g} s"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):

        armed = [True]

        def on_alarm(signum: int, frame: object) -> None:
            if armed[0]:
                raise DocumentTimeoutError(message)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        try:
            yield
        finally:
            while True:  # a repeat may land inside this clean-up: retry until the timer is off
                try:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    armed[0] = False
                    break
                except DocumentTimeoutError:
                    continue
            signal.signal(signal.SIGALRM, previous)
        return
    ident = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    stop = threading.Event()

    def expire() -> None:
        if stop.wait(seconds):
            return
        while True:
            with lock:
                if state["done"]:
                    return
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(DocumentTimeoutError))
            if stop.wait(REPEAT):
                return

    timer = threading.Thread(target=expire, daemon=True)
    timer.start()
    try:
        yield
    except DocumentTimeoutError as exc:
        raise DocumentTimeoutError(message) from exc
    finally:
        while True:  # a repeat may land inside this clean-up: retry until the timer thread is stopped
            try:
                with lock:
                    state["done"] = True
                    stop.set()
                    if state["fired"]:  # the async error may still be pending after the block
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
                break
            except DocumentTimeoutError:
                continue
