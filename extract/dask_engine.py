"""The dask.distributed engine: the same per-document function (`batch.process_path`) on a
cluster of machines.

Workers read the input files themselves (every worker must see them at the same path: a shared
or replicated folder) and send back plain dicts; the driver (the machine running `budget-extract
run`) writes each finished document's part, so `--resume` and the outputs work exactly as with
the local engine. At most IN_FLIGHT_PER_WORKER documents per worker are queued at a time, so a
batch of 100,000 paths does not flood the scheduler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .batch import IN_FLIGHT_PER_WORKER  # queued documents per worker, as the local engine
from .errors import UsageError

log = logging.getLogger("extract.dask")



def run_dask(
    todo: list[str],
    finish: Callable[[str, dict[str, Any]], None],
    *,
    scheduler: str | None,
    n_workers: int,
    args: tuple[Any, ...],
) -> None:
    """Process `todo` on a dask cluster (`scheduler` address) or a local one of `n_workers`
    processes, calling `finish(path, result)` on the driver as documents complete."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise UsageError("--engine dask needs dask.distributed: pip install 'budget-extract[dask]'") from exc
    from .batch import pack, process_path, result_dict
    from .pipeline import error_result

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    in_flight: dict[str, tuple[Any, str]] = {}  # future key → (future, path)
    try:
        slots = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        pending = iter(todo)

        def submit(path: str):  # noqa: ANN202 - a dask Future
            fut = client.submit(process_path, path, *args, pure=False, retries=1)
            in_flight[fut.key] = (fut, path)
            return fut

        queue = as_completed([submit(p) for _, p in zip(range(slots), pending, strict=False)])
        for fut in queue:
            _, path = in_flight.pop(fut.key)
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is one error record
                res = pack(result_dict(error_result(path, None, exc)))
            finish(path, res)
            fut.release()
            nxt = next(pending, None)
            if nxt is not None:
                queue.add(submit(nxt))
    except BaseException:
        client.cancel([f for f, _ in in_flight.values()])
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
