"""showcase/parallel.py: costly items get chunks of their own, and a small stage stays in this process."""

import os

from showcase import parallel


def _pids(chunk: list[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in chunk]


def test_costly_items_are_chunks_of_their_own_handed_out_first():
    plan = parallel.Plan(workers=2, chunk_size=3)
    results, processes = parallel.run(_pids, list(range(6)), {}, plan, alone=[100, 200])
    assert [[item for item, _ in chunk] for chunk in results] == [[100], [200], [0, 1, 2], [3, 4, 5]]
    assert processes >= 1 and all(pid != os.getpid() for chunk in results for _, pid in chunk)


def test_a_small_stage_runs_in_this_process_with_its_costly_items():
    results, processes = parallel.run(_pids, [1, 2], {}, parallel.Plan(workers=2), alone=[100])
    assert processes == 1
    assert results == [[(100, os.getpid()), (1, os.getpid()), (2, os.getpid())]]
