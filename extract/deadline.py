"""A per-document time budget, so one pathological file cannot hold a batch hostage.

In a process's main thread (local worker processes, the serial loop) SIGALRM interrupts the
work; in any other thread (dask workers run tasks in threads) a timer thread raises the error
asynchronously in the working thread. Both interrupt Python code between bytecodes; a single
C call (one regex search) finishes first, which is why every stage is kept linear.

The error is never raised inside a finaliser (a `__del__` the collector runs, or the unraisable
hook that reports one): Python would swallow it there, and a hook interrupted half-way fails the
whole process's error reporting. It is raised again every REPEAT seconds until it lands in the work.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DocumentTimeoutError

# after the budget, the error is raised again every REPEAT seconds until the block is left: one
# raised inside a garbage-collector callback or a __del__ is swallowed by Python
REPEAT = 0.05


def in_finaliser(frame: object) -> bool:
    """Whether `frame` runs inside a `__del__` or the unraisable hook, where a raise is lost."""
    hook = sys.unraisablehook
    hook_code = getattr(getattr(hook, "func", hook), "__code__", None)
    while frame is not None:
        code = frame.f_code  # type: ignore[attr-defined]
        if code.co_name == "__del__" or code is hook_code:
            return True
        frame = frame.f_back  # type: ignore[attr-defined]
    return False


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
            if armed[0] and not in_finaliser(frame):
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
                if not in_finaliser(sys._current_frames().get(ident)):
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
