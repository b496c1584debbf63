"""Process-wide memos of derived data, keyed by content hashes.

A preview server lives for hours while articles are edited: a memo that only grew would grow
with every edit. Past `limit` entries it is forgotten wholesale and refills from what is used.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedMemo(dict, Generic[V]):
    def __init__(self, limit: int = 200_000):
        super().__init__()
        self.limit = limit

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        value = self.get(key)
        if value is None:
            if len(self) > self.limit:
                self.clear()
            value = self[key] = make()
        return value
