import asyncio

import pytest

from pipelines.extraction.pool import ExtractionFailed, ExtractionPool
from tests.aio import async_test
from tests.extraction.jobs import misbehaving_job


@pytest.fixture
def pool():
    pool = ExtractionPool(workers=2, timeout=2.0, tasks_per_child=5, job=misbehaving_job)
    yield pool
    pool.close()


async def _gather(pool, pages):
    return await asyncio.gather(*(pool.extract(p, None) for p in pages), return_exceptions=True)


@async_test
async def test_a_crashing_page_costs_that_page_only(pool):
    results = await _gather(pool, ["a", "crash", "b", "c"])
    assert [r["text"] for r in results if isinstance(r, dict)] == ["a", "b", "c"]
    failed = [r for r in results if isinstance(r, ExtractionFailed)]
    assert [f.reason for f in failed] == ["worker_crashed"]


@async_test
async def test_a_hanging_page_times_out_and_the_others_finish(pool):
    results = await _gather(pool, ["hang", "a", "b"])
    assert isinstance(results[0], ExtractionFailed)
    assert results[0].reason == "timeout"
    assert [r["text"] for r in results[1:]] == ["a", "b"]


def test_workers_are_recycled_after_their_task_quota(pool):
    pids = {pool.result(str(i), None)["pid"] for i in range(12)}
    # 12 pages, at most 5 per worker process: at least three distinct processes served them.
    assert len(pids) >= 3


@async_test
async def test_pages_in_flight_are_bounded():
    pool = ExtractionPool(workers=1, timeout=5.0, max_in_flight=2, job=misbehaving_job)
    try:
        tasks = [asyncio.ensure_future(pool.extract(str(i), None)) for i in range(6)]
        await asyncio.sleep(0)
        # Two pages hold the slots; the four others wait for one before being submitted.
        assert pool._slots is not None
        assert pool._slots.locked()
        results = await asyncio.gather(*tasks)
        assert [r["text"] for r in results] == [str(i) for i in range(6)]
    finally:
        pool.close()
