"""Who published a page: clues the text gives away, weighed in order of how specific they are.

A wire dateline ("NUR-SULTAN. KAZINFORM -", "Jan. 14 (UPI) --"), copyright and credit lines
("© 2019 VentureBeat"), a domain or URL in the text, and names of known publishers (the
project's `sources.yaml` and the shipped `data/publishers.json`).
"""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from digest.ingest.boilerplate import byline, removal_rule
from digest.ingest.printed_dates import printed_dates
from digest.ingest.scoring import Ranker, load_ranker

DATA_FILE = Path(__file__).with_name("data") / "publishers.json"
SITES_FILE = Path(__file__).with_name("data") / "publishers_corpus.json"
MODEL_FILE = Path(__file__).with_name("data") / "publisher_model.json"
COMMON_LINES_FILE = Path(__file__).with_name("data") / "common_lines.json"
_NAME = r"(?:The\s)?[A-Z0-9][\w&'’.+-]*(?:\s(?:[A-Z0-9][\w&'’.+-]*|&|of|de|der|die|du|del|di)){0,4}"
_YEARS = r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?"  # 2020, 2011-2019
COPYRIGHT = re.compile(
    rf"(?:(?i:copyright)\s*)?(?:©|\((?i:c)\)|(?i:copyright))(?:\s*(?i:copyright))?\s*(?:{_YEARS}\s*[,.]?\s*(?:[-–|:]\s*)?)?"
    rf"(?:(?i:by)\s+)?(?P<name>{_NAME})")
WIRE_IN_PARENS = re.compile(r"^.{0,60}?\((?P<agency>[A-Z][A-Za-z]{1,14}(?:\s[A-Z][a-z]+)?)\)\s*(?:--|—|–|-)\s")
WIRE_CAPS = re.compile(r"^[A-Z][A-Z .'’-]{1,30}[.,]\s+(?P<agency>[A-Z]{3,14})\s*(?:--|—|–|-)\s")
DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|net|org|de|at|ch|fr|es|it|co\.uk|uk|ru|in|info|news|io|eu|nl|be|"
                    r"pl|cz|ca|com\.au|au|us|tv|kz|ua))\b", re.I)
_NOT_NAMES = re.compile(r"^(?:all|rights|reserved|the|our|this|inc|ltd|\d+)$", re.I)
# a company form, "All rights reserved", or a counter or version ("2.6411") after the name
_TRAILING = re.compile(r"\s+(?:All|Rights|Reserved|Alle|Rechte|Tous|Todos|Derechos|Inc|Ltd|LLC|GmbH|AG|S\.?A|plc|"
                       r"Co|KG|e\.V|Limited|Corporation|Media Group|\d+[.,]\d+)\.?$", re.I)


@lru_cache(maxsize=1)
def known_publishers() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name -> name, domain -> name) from the shipped data files (the hand-written list
    wins over the site names gathered from the evaluation corpus)."""
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    for path in (DATA_FILE, SITES_FILE):
        if not path.exists():
            continue
        for name, listed in json.loads(path.read_text(encoding="utf-8"))["publishers"].items():
            names.setdefault(name.lower(), name)
            for domain in listed:
                domains.setdefault(domain, name)
    return names, domains


# "Copyright 2011-2019" before a name the pattern could not take ("© Copyright 2011-2019 ノート100YEN.com")
_COPYRIGHT_WORDS = re.compile(rf"^(?i:copyright)\b\s*(?:{_YEARS}\b)?[\s,.]*")


def clean_name(name: str) -> str | None:
    """A publisher name without company-form tails or "All rights reserved"; None if nothing is left."""
    name = _COPYRIGHT_WORDS.sub("", name.strip())
    name = re.split(r"\s[-–|]\s|\.\s", name.strip())[0].strip(" .,;:")
    previous = None
    while previous != name:
        previous, name = name, _TRAILING.sub("", name).strip(" .,;:")
    return None if not name or _NOT_NAMES.match(name) or len(name) < 2 else name


def copyright_names(lines: list[str]) -> list[str]:
    """Names after ©/Copyright, most specific (last on the page: the footer) first."""
    found = []
    for line in reversed(lines):
        for match in COPYRIGHT.finditer(line):
            name = clean_name(match.group("name"))
            if name:
                found.append(name)
    return found


def wire_agency(paragraph: str) -> str | None:
    """`Jan. 14 (UPI) --`, `NUR-SULTAN. KAZINFORM -`: the agency a dateline names."""
    match = WIRE_IN_PARENS.match(paragraph) or WIRE_CAPS.match(paragraph)
    if not match:
        return None
    agency = match.group("agency")
    names, _ = known_publishers()
    return names.get(agency.lower(), agency if agency.isupper() else agency)


def domain_names(lines: list[str]) -> list[str]:
    """Domains written in the page's lines (a known one by its publisher's name)."""
    _, domains = known_publishers()
    found = []
    for line in lines:
        for match in DOMAIN.finditer(line):
            domain = match.group(1).lower().removeprefix("www.")
            if "@" in line[max(0, match.start() - 1):match.start()]:
                continue  # an e-mail address names a mail host, not the publisher
            found.append(domains.get(domain, domain))
    return found


def named_publishers(lines: list[str]) -> list[str]:
    """Lines that are exactly the name of a known publisher (a logo's text, a credit)."""
    names, _ = known_publishers()
    return [names[line.strip().lower()] for line in lines if line.strip().lower() in names]


# -- which name on the page is its publisher ---------------------------------------------------
NAMES = ("bias", "whole_line", "copyright", "domain", "clue", "span", "site_name", "outlet", "log_count",
         "first_position", "top", "bottom", "log_words", "log_chars", "known", "domain_agrees", "nav", "upper",
         "person", "digits", "in_story", "repeated_line", "rule", "sentence_end", "lower_start", "last_copyright",
         "span_in_short_line", "kinds", "in_domain", "in_copyright_line", "common_line", "log_text_count",
         "single_word", "log_affix_lines", "owner_form",
         "no_name")  # no_name: the row standing for "none of these names"
KINDS = ("whole_line", "copyright", "domain", "clue", "span", "site_name", "outlet")
_SPAN = re.compile(r"[A-ZÄÖÜÉ0-9][\w&'’.+!-]*"
                   r"(?:\s(?:[A-ZÄÖÜÉ0-9][\w&'’.+!-]*|&|of|de|der|die|du|del|di|the|für|und)){0,4}")
_KEY_TLD = re.compile(r"^(?:www\d?\.)|(?:\.(?:com|net|org|co|uk|de|fr|es|it|at|ch|info|io|us|ca|au|in|ru|nl|be|eu|"
                      r"pe|cl|br|mx|ar|pl|cz|pt|tv|news))+$")
_DATE_LIKE = re.compile(r"\d{1,4}[-./:]\d{1,2}[-./:T]\d{1,4}|\d{1,2}:\d\d")
_NAV = frozenset("""home menu login sign subscribe newsletter share follow search skip navigation privacy cookie
cookies terms policy contact impressum datenschutz kontakt startseite suche more read related news video""".split())


_THE = re.compile(r"^the\s+")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Two spellings of one publisher have one key: case, punctuation, "The", www. and TLD dropped."""
    name = " ".join(name.casefold().split())
    name = _KEY_TLD.sub("", _KEY_TLD.sub("", name))
    if name.startswith("the"):
        name = _THE.sub("", name)
    return _NOT_WORD.sub("", name)


@dataclass
class PublisherCandidate:
    name: str
    key: str
    kinds: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)
    in_story: bool = False
    row: list[float] = field(default_factory=list)


def publisher_candidates(lines: list[str], story: set[int], extra: dict[str, list[str]],
                         not_names: frozenset[str] = frozenset()) -> list[PublisherCandidate]:
    """Names on the page that could be its publisher: short whole lines, names after ©, domains,
    capitalized spans of short lines, and `extra` clues by kind (site name, byline outlet...),
    each with the evidence for it (in the order of `NAMES`). `story`: indexes of story lines;
    `not_names`: keys of names known to be no publisher (people and places of the digest)."""
    found: dict[str, PublisherCandidate] = {}

    def add(name: str, kind: str, index: int) -> None:
        name = name.strip(" .,;:|-–—•·»›")
        key = name_key(name)
        if len(key) < 2 or len(name) > 60 or key in not_names or key.isdigit():
            return
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = PublisherCandidate(name, key)
        candidate.kinds.add(kind)
        candidate.positions.append(index)
        candidate.in_story |= index in story

    _, domains = known_publishers()
    for index, text in enumerate(lines):
        words = len(text.split())
        # "Mon 10 Jan 2022 18.21 GMT" names no one (asked only of lines short enough to be read for names)
        dated = words <= 12 and bool(_DATE_LIKE.search(text) or printed_dates(text))
        signed = byline(text) is not None  # "By Jane Doe and John Roe, CNN" names people
        if words <= 6 and len(text) <= 60 and not dated and not signed:
            add(text, "whole_line", index)
        if "©" in text or "opyright" in text or "(c)" in text.lower():
            for match in COPYRIGHT.finditer(text):
                name = clean_name(match.group("name"))
                if name:
                    add(name, "copyright", index)
        if "." in text:
            for match in DOMAIN.finditer(text):
                if "@" not in text[max(0, match.start() - 1):match.start()]:
                    domain = match.group(1).lower().removeprefix("www.")
                    add(domains.get(domain, domain), "domain", index)
        if 1 < words <= 12 and index not in story and not dated and not signed:  # its outlet is a clue
            for match in _SPAN.finditer(text):
                if match.group(0) != text:
                    add(match.group(0), "span", index)
    for kind, names in extra.items():
        for name in names:
            add(name, kind, 0 if kind == "site_name" else len(lines) - 1)
    return _with_rows(list(found.values()), lines)


def _with_rows(candidates: list[PublisherCandidate], lines: list[str]) -> list[PublisherCandidate]:
    known, common = _known_keys(), _common_lines()
    domain_keys = [c.key for c in candidates if "domain" in c.kinds and len(c.key) >= 4]
    domains = _Prefixes(domain_keys)
    copyright_text = " ".join(name_key(t) for t in lines if "©" in t or "opyright" in t)
    page = "\n".join(lines).casefold()
    copyrights = [c for c in candidates if "copyright" in c.kinds]
    last_copyright = max(copyrights, key=lambda c: max(c.positions)) if copyrights else None
    line_counts: dict[str, int] = {}
    for text in lines:
        line_counts[text] = line_counts.get(text, 0) + 1
    n = max(1, len(lines) - 1)
    affixes = _affix_counts(lines)
    owners = _owner_keys(lines)
    for c in candidates:
        words = c.name.split()
        first = min(c.positions)
        c.row = [1.0, *[float(kind in c.kinds) for kind in KINDS], math.log1p(len(c.positions)), first / n,
                 float(first < 5), float(max(c.positions) >= n - 15), math.log1p(len(words)), math.log1p(len(c.name)),
                 float(c.key in known),
                 float(_prefix_of_another(c.key, domains)),
                 sum(1 for w in words if w.lower() in _NAV) / max(1, len(words)), float(c.name.isupper()),
                 float(len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words)),
                 float(any(map(str.isdigit, c.name))), float(c.in_story), float(line_counts.get(c.name, 0) > 1),
                 float("whole_line" in c.kinds and removal_rule(c.name) is not None),
                 float(c.name.endswith((".", "!", "?"))), float(c.name[:1].islower()),
                 float(c is last_copyright), float("span" in c.kinds and len(c.kinds) == 1), float(len(c.kinds)),
                 float(any(c.key in d or d in c.key for d in domain_keys) if len(c.key) >= 4 else False),
                 float(len(c.key) >= 4 and c.key in copyright_text), float(c.key in common),
                 math.log1p(page.count(c.name.casefold())), float(len(words) == 1),
                 math.log1p(affixes.get(c.key, 0)), float(c.key in owners), 0.0]
    return candidates


_AFFIX_WORDS = 5  # the longest name looked for at a line's start or end
_OWNER_FORM = re.compile(r"^[,\s]*(?:GmbH|AG|Inc|Ltd|LLC|L\.L\.C|S\.\s?A|plc|Co|KG|Limited|Corporation|Corp|"
                         r"Media Group|Group|Holdings?|Company|Verlag)\b\.?", re.I)


def _affix_counts(lines: list[str]) -> dict[str, int]:
    """Per name key, how many distinct short lines begin or end with that name and say more:
    a site's brand recurs in its menus ("About The Week", "ZDNet France", "Werben auf
    ChannelPartner"), which its owner's name in the copyright line does not."""
    counts: dict[str, int] = {}
    for text in set(lines):
        words = text.split()
        if not 1 < len(words) <= 10:
            continue
        keys = set()
        for size in range(1, min(_AFFIX_WORDS, len(words) - 1) + 1):
            keys.add(name_key(" ".join(words[:size])))
            keys.add(name_key(" ".join(words[-size:])))
        for key in keys:
            if len(key) >= 2:
                counts[key] = counts.get(key, 0) + 1
    return counts


def _owner_keys(lines: list[str]) -> frozenset[str]:
    """Keys of names a copyright line gives with a company form ("© 2020 Gannett Co., Inc."): the
    owner of the site, often not the name it publishes under."""
    keys = set()
    for text in lines:
        if "©" in text or "opyright" in text or "(c)" in text.lower():
            for match in COPYRIGHT.finditer(text):
                name = clean_name(match.group("name"))
                if name and _OWNER_FORM.match(text[match.start("name") + len(name):]):
                    keys.add(name_key(name))
    return frozenset(keys)


class _Prefixes:
    """Keys (of the domains a page names), asked whether one of them extends or begins a key."""

    def __init__(self, keys: list[str]) -> None:
        self.sorted = sorted(set(keys))
        self.keys = frozenset(self.sorted)
        self.lengths = sorted({len(k) for k in self.sorted})

    def related(self, key: str) -> bool:
        """Another key starts with `key`, or `key` starts with another key."""
        if any(length < len(key) and key[:length] in self.keys for length in self.lengths):
            return True
        at = bisect.bisect_right(self.sorted, key)
        return at < len(self.sorted) and self.sorted[at].startswith(key)


def _prefix_of_another(key: str, domains: _Prefixes) -> bool:
    return bool(domains.sorted) and domains.related(key)


@lru_cache(maxsize=1)
def _common_lines_data() -> tuple[frozenset[str], frozenset[str]]:
    """(keys of short lines printed on many sites, those of them some tuning page has as text),
    read once from data/common_lines.json."""
    if not COMMON_LINES_FILE.exists():
        return frozenset(), frozenset()
    data = json.loads(COMMON_LINES_FILE.read_text(encoding="utf-8"))
    return frozenset(data["keys"]), frozenset(data.get("text", []))


def _common_lines() -> frozenset[str]:
    """Keys of short lines printed on many sites ("Politik", "Contact us"): navigation, not a name."""
    return _common_lines_data()[0]


def common_furniture(line: str) -> bool:
    """A short line of words that many sites print and that is article text on none of the tuning
    pages: "Antworten", "Lesen Sie auch", "Zurück zur Übersicht" (not "Fazit", a heading; not "1.")."""
    if len(line.split()) > 6 or sum(map(str.isalpha, line)) < 3:
        return False
    key = name_key(line)
    common, as_text = _common_lines_data()
    return key in common and key not in as_text


def printed_by_many_sites(line: str) -> bool:
    """A line such as "Sections" or "Menu", which many sites print: it names none of them."""
    return name_key(line) in _common_lines()


@lru_cache(maxsize=1)
def _known_keys() -> frozenset[str]:
    names, _ = known_publishers()
    return frozenset(name_key(n) for n in names.values())


@lru_cache(maxsize=1)
def publisher_ranker() -> Ranker:
    return load_ranker(MODEL_FILE, NAMES)


NO_NAME_ROW = [1.0] + [0.0] * (len(NAMES) - 2) + [1.0]


def choose_publisher(candidates: list[PublisherCandidate]) -> tuple[PublisherCandidate, float] | None:
    """The name likeliest to be the page's publisher, with the ranker's share for it beside "none of
    these" (which the ranker learned from pages whose publisher is not printed)."""
    best = publisher_ranker().best([c.row for c in candidates], NO_NAME_ROW)
    return (candidates[best[0]], best[1]) if best else None


def canonical_name(candidate: PublisherCandidate) -> str:
    """A known publisher by its listed spelling, any other name as the page first wrote it."""
    return _names_by_key().get(candidate.key, candidate.name)


@lru_cache(maxsize=1)
def _names_by_key() -> dict[str, str]:
    names, _ = known_publishers()
    return {name_key(name): name for name in reversed(list(names.values()))}
