"""Worker processes for the stages that run in parallel (loading models, rendering pages).

Kept apart from pipeline.build() so the site map stays readable. Work is cut into contiguous
chunks; results come back in the chunks' order, so output never depends on which worker was
faster. With "fork" (Linux) the workers inherit the shared state; with "spawn" (Windows, macOS)
each worker receives it once, pickled, through the pool's initializer.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

AUTO_CHUNK = 100  # items per chunk: small enough that no core idles at the end of a stage
SERIAL_BELOW = 200  # fewer items than this are done in this process: starting workers costs more

_shared: dict[str, Any] = {}


@dataclass(frozen=True)
class Plan:
    """How to run a stage: how many workers, how big a chunk (0: automatic), which start method."""

    workers: int = 1
    chunk_size: int = 0
    start_method: str | None = None  # None: fork where the system has it, else spawn


def shared() -> dict[str, Any]:
    """The state every worker of the current stage reads (a site, a validation context)."""
    return _shared


def run(
    func: Callable[[list], Any],
    items: list,
    state: dict[str, Any],
    plan: Plan,
    progress: Callable[[int, int], None] | None = None,
    alone: list | None = None,
) -> tuple[list, int]:
    """Map func over chunks of items; return the chunks' results in order and how many processes the
    stage ran in: the pool's size (whether or not each worker got a chunk: a worker that starts late,
    as spawned ones do on a busy machine, may find the work done), or 1 for this process alone.

    `alone` are costly items (a page listing every model): each is a chunk of its own, handed out
    first, so they spread over the workers instead of ending the stage in one worker while the
    others wait. progress, if given, is told (items done, items in all) after each chunk, in this process."""
    chunks = chunked(items, plan.chunk_size)
    if len(chunks) > 1:  # workers will run
        chunks = [[item] for item in alone or []] + chunks
    elif alone:  # a small site: all in this process
        chunks = [list(alone) + (chunks[0] if chunks else [])]
    tell = _counter(chunks, progress)
    _install(state)
    with fewer_collections():
        if plan.workers <= 1 or len(chunks) <= 1:
            return [tell(func(chunk), chunk) for chunk in chunks], 1
        method = plan.start_method or ("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        context = multiprocessing.get_context(method)
        inherit = method == "fork"
        size = min(plan.workers, len(chunks))
        with context.Pool(
            size,
            initializer=None if inherit else _install,
            initargs=() if inherit else (state,),
        ) as pool:
            jobs = [(func, chunk) for chunk in chunks]
            results = [tell(result, chunk) for result, chunk in zip(pool.imap(_call, jobs), chunks, strict=True)]
    return results, size


def _counter(chunks: list[list], progress: Callable[[int, int], None] | None) -> Callable[[Any, list], Any]:
    """A pass-through that tells progress how many items are done as each chunk's result arrives."""
    total, done = sum(len(chunk) for chunk in chunks), 0

    def tell(result: Any, chunk: list) -> Any:
        nonlocal done
        done += len(chunk)
        if progress is not None:
            progress(done, total)
        return result

    return tell


def chunked(items: list, chunk_size: int = 0) -> list[list]:
    """Contiguous chunks of chunk_size items; automatic size when 0 (one chunk for a small list)."""
    if not items:
        return []
    size = chunk_size or (AUTO_CHUNK if len(items) >= SERIAL_BELOW else len(items))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _install(state: dict[str, Any]) -> None:
    _shared.clear()
    _shared.update(state)


def _call(job: tuple[Callable[[list], Any], list]) -> Any:
    func, chunk = job
    return func(chunk)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Freeze what exists and collect young objects less often: Markdown's element trees are
    short-lived and acyclic, and the default thresholds spend ~10 % of a build re-scanning."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
