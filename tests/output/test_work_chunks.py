"""How a parallel build cuts its work: every page once, in order, the cores finishing together."""
from __future__ import annotations

from digest.output.parallel import guided_chunks


def test_guided_chunks_cover_everything_in_order_and_shrink():
    items = list(range(10_007))
    chunks = guided_chunks(items, jobs=2, smallest=20)
    assert [i for chunk in chunks for i in chunk] == items
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 10_007 // 8
    assert all(size >= 20 for size in sizes[:-1])
    assert guided_chunks([], jobs=2) == [] and guided_chunks([1], jobs=4) == [[1]]
