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
        index = ShardedIndex(entries)
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
    before = ShardedIndex(entries)
    terms_before = dict(before.terms)
    entries[0] = entries[0].replace("zebra quagga", "common")
    updated = before.updated(entries, [0])
    same(updated, ShardedIndex(entries))
    assert "q" not in updated.terms and "z" not in updated.terms
    assert before.terms == terms_before
