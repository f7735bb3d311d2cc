"""The cycle collector is paused only around the loads that make many objects, and always started again."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from srg import collector


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_paused_stops_the_collector_in_the_block_and_starts_it_again_even_on_an_error() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="bad data"), collector.paused():
        raise ValueError("bad data")
    assert gc.isenabled()


def test_paused_leaves_a_collector_someone_else_stopped_stopped() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_what_a_build_kept_is_frozen_and_the_next_build_unfreezes_it_first() -> None:
    with collector.kept_for_the_build():
        kept = [object() for _ in range(1000)]
    frozen = gc.get_freeze_count()
    assert frozen >= len(kept)
    with collector.kept_for_the_build():
        assert gc.get_freeze_count() == 0
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_cycle_left_by_a_frozen_build_is_collected_once_the_next_build_unfreezes_it() -> None:
    class Node:
        pass

    with collector.kept_for_the_build():
        node = Node()
        node.self = node  # type: ignore[attr-defined]
    alive = weakref.ref(node)
    del node
    gc.collect()
    assert alive() is not None  # frozen: the collector leaves it
    with collector.kept_for_the_build():
        gc.collect()  # what the load's own garbage would meet once the collector runs again
    gc.unfreeze()
    gc.collect()
    assert alive() is None
