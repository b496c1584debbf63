"""The sharded search index updated after a few entries change is the index made from scratch."""
from __future__ import annotations

import json
import random

from digest.render.search import INCREMENTAL_MAX, TWO_CHARACTER_KEYS_FROM, ShardedIndex

WORDS = ["geneva", "talks", "nato", "russia", "osce", "vienna", "lavrov", "sherman", "ryabkov", "border",
         "troops", "élysée", "zürich", "_x", "9th", "2022", "a1", "b", "kyiv", "moscow"]


def entry(rng: random.Random, number: int) -> str:
    def words(k: int) -> str:
        return " ".join(dict.fromkeys(rng.choice(WORDS) for _ in range(k)))
    return json.dumps({"t": f"Title {words(3)}", "u": f"articles/a{number}/index.html", "s": "Outlet",
                       "d": "2022-01-10", "p": "snippet", "n": [], "k": words(2), "b": words(12)},
                      ensure_ascii=False, separators=(",", ":"))


def same(a: ShardedIndex, b: ShardedIndex) -> None:
    assert a.terms == b.terms
    assert a.docs == b.docs
    assert a.manifest() == b.manifest()


def test_an_updated_index_is_the_index_made_again():
    rng = random.Random(7)
    for count in (60, TWO_CHARACTER_KEYS_FROM + 30):  # one- and two-character shard keys
        entries = [entry(rng, n) for n in range(count)]
        index = ShardedIndex(entries, updatable=True)
        for _ in range(5):
            positions = rng.sample(range(count), rng.randint(1, INCREMENTAL_MAX))
            for position in positions:
                entries[position] = entry(rng, position)
            updated = index.updated(entries, positions)
            same(updated, ShardedIndex(entries))
            index = updated


def test_updating_drops_a_term_no_entry_has_any_more_and_leaves_the_old_index_as_it_was():
    entries = [json.dumps({"t": "Alpha", "u": "a/", "s": "S", "d": "2022-01-10", "p": "", "n": [], "k": "",
                           "b": "zebra quagga"}),
               json.dumps({"t": "Beta", "u": "b/", "s": "S", "d": "2022-01-10", "p": "", "n": [], "k": "",
                           "b": "common"})]
    before = ShardedIndex(entries, updatable=True)
    terms_before = dict(before.terms)
    entries[0] = entries[0].replace("zebra quagga", "common")
    updated = before.updated(entries, [0])
    same(updated, ShardedIndex(entries))
    assert "q" not in updated.terms and "z" not in updated.terms
    assert before.terms == terms_before


def test_a_one_off_index_keeps_nothing_for_updates_and_a_plan_asked_again_makes_one_that_does():
    from types import SimpleNamespace

    import pytest

    from digest.render import search
    entries = [json.dumps({"t": f"T{n}", "u": f"{n}/", "s": "S", "d": "2022-01-10", "p": "", "n": [], "k": "",
                           "b": "word other"}) for n in range(3)]
    one_off = ShardedIndex(entries)
    assert one_off.postings == {} and one_off.rows == {}
    assert one_off.terms == ShardedIndex(entries, updatable=True).terms
    with pytest.raises(ValueError):
        one_off.updated(entries, [0])

    plan = search.IndexOfPlan()
    sites = iter([entries, entries[:2] + [entries[2].replace("other", "third")],
                  entries[:2] + [entries[2].replace("other", "fourth")]])
    original = search._entries
    search._entries = lambda site: next(sites)
    try:
        first = plan.of(SimpleNamespace(articles=(1,)))
        second = plan.of(SimpleNamespace(articles=(2,)))
        third = plan.of(SimpleNamespace(articles=(3,)))
    finally:
        search._entries = original
    assert not first.updatable and second.updatable  # asked again: made once more, keeping what updates need
    assert third.terms == ShardedIndex(entries[:2] + [entries[2].replace("other", "fourth")]).terms
