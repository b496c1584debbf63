"""normalize(raw text) -> Draft: the whole ingest of one article, as a pure function."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from digest.ingest import boilerplate as bp
from digest.ingest.dates import Anchor, DateGuess, impossible_printed_date, infer_publication_date
from digest.ingest.entities import find_entities
from digest.ingest.features import token_words
from digest.ingest.layout import Layout, declared_layout, read_layout
from digest.ingest.metadata import Heading, detect_language, is_dateline, publisher_clues, split_kicker, url_clues
from digest.ingest.printed_dates import (
    choose_printed_date,
    date_candidates,
    date_ranker,
    month_first_on,
    printed_date,
)
from digest.ingest.publisher import (
    canonical_name,
    choose_publisher,
    clean_name,
    common_furniture,
    copyright_names,
    domain_names,
    name_key,
    named_publishers,
    printed_by_many_sites,
    publisher_candidates,
    publisher_ranker,
    wire_agency,
)
from digest.ingest.quality import assess_quality
from digest.ingest.repair import consistent_quotes, normalize_lines
from digest.ingest.source_language import likely_source_language
from digest.ingest.structure import structure_body
from digest.ingest.summary import summarize
from digest.ingest.title import without_glued_byline, without_leading_mark
from digest.model import Entity, Source
from digest.slugs import slugify

INGEST_VERSION = 1
MAX_TAGS = 6
MIN_BODY_WORDS = 8  # less is not an article (a stray line, a title alone)
# The ranker's likeliest publisher is taken from MIN_PUBLISHER_SHARE (tuning part: from 0.05 to 0.15
# it is right 22 times in 119, the fallback clues (site name, ©) once; below 0.05, once in 34, so the
# clues stand in, flagged for review). Below WEAK_PUBLISHER_SHARE a site name printed above the
# headline wins over it.
MIN_PUBLISHER_SHARE = 0.05
WEAK_PUBLISHER_SHARE = 0.15


class IngestError(ValueError):
    """The text cannot become an article (no title, no text...)."""


@dataclass(frozen=True)
class Hints:
    """What the ingest knows besides the text: curated data, overrides, the coverage window."""

    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    anchors: tuple[Anchor, ...] = ()
    window: tuple[dt.date, dt.date] = (dt.date(2022, 1, 6), dt.date(2022, 1, 14))
    overrides: dict = field(default_factory=dict)  # --publisher / sidecar: publisher, url, date, author
    raw_path: str | None = None
    today: dt.date | None = None  # the day of ingest: no article is published after it
    declared: dict = field(default_factory=dict)  # what a saved page's metadata says: title, date


@dataclass(frozen=True)
class Draft:
    front: dict
    body: str
    lines: dict[int, str]          # raw line number -> "removed:<rule>" | "meta:<field>"
    unknown_names: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def article_id(self) -> str:
        return f"{self.front['date']}-{short_slug(self.front['title'])}"


def short_slug(title: str, limit: int = 60) -> str:
    slug = slugify(title)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0]


@dataclass
class _Reading:
    """Everything read off the lines so far (mutable while one article is normalized)."""

    fates: dict[int, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    printed_date: str | None = None
    outlet_clues: list[str] = field(default_factory=list)
    original_outlet: str | None = None
    date_from_dateline: bool = False  # a wire dateline states the day but not the year
    printed_day: dt.date | None = None  # the day read off the printed date, when it was read here
    date_far_from_headline: bool = False  # the printed date was found away from the headline


def _blocks(lines: list[tuple[int, str]], fates: dict[int, str]) -> list[tuple[list[int], str]]:
    """Unclaimed lines with hard wraps undone: (raw line numbers, text) per paragraph."""
    blocks: list[tuple[list[int], str]] = []
    previous = None
    for number, text in lines:
        if number in fates:
            previous = None
            continue
        runs_on = (previous is not None and number == previous + 1 and blocks
                   and text[:1].islower() and not blocks[-1][1].endswith((".", "!", "?", ":", "”", '"')))
        if runs_on:
            blocks[-1][0].append(number)
            blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]} {text}")
        else:
            blocks.append(([number], text))
        previous = number
    return blocks


WRAPPED_LINE = 60  # a hard-wrapped line of text is longer than this (wrapping at 72 or 80 columns)
_CREDIT_START = re.compile(r"(?i:von|by|por|par|di|de|door|av|af)\s")


def _headline_not_run_on(layout: Layout, spans: dict[int, list[int]], lines: dict[int, str]) -> Layout:
    """The headline's own line when a lowercase line was run onto it as if hard-wrapped: on the
    evaluation's tuning pages such a block is never the whole headline ("... in der Uckermark" +
    "merken", "... in den Ferien" + "von zahlenzauberin", "Classificação NASCAR" + "sexta-feira,
    22 de outubro"). Only a long first line followed by more than a word or a credit is taken to
    be a headline wrapped in two."""
    numbers = spans.get(layout.title_line) if layout.title_line is not None else None
    if not numbers or len(numbers) < 2 or layout.declared:
        return layout
    first, second = lines[numbers[0]], lines[numbers[1]]
    wrapped = len(first) >= WRAPPED_LINE and len(second.split()) > 1 and not _CREDIT_START.match(second)
    return layout if wrapped else replace(layout, title=first)


def _count_words(lines: list[str], enough: int) -> int:
    """Words with a letter or digit in `lines`, counted up to `enough` (all that is asked)."""
    count = 0
    for line in lines:
        for word in line.split():
            if any(map(str.isalnum, word)):
                count += token_words(word)
                if count >= enough:
                    return count
    return count


def _claim_furniture(lines: list[tuple[int, str]], reading: _Reading) -> None:
    for position, (number, text) in enumerate(lines):
        if position < 14 and is_dateline(text):
            if reading.printed_date is None:
                reading.fates[number], reading.printed_date = "meta:date", text
            else:
                reading.fates[number] = "removed:update-date"  # "Last modified on ..." after the date
        elif position < 14 and (posted := bp.posted_by(text)):
            name, when = posted
            reading.fates[number] = "meta:date" if reading.printed_date is None else "removed:update-date"
            reading.printed_date = reading.printed_date or when
            if name:
                reading.authors.append(name)
        elif position < 14 and (names := bp.place_byline(text)):
            reading.fates[number] = "meta:author"
            reading.authors += names
        elif found := bp.byline(text):
            names, outlet = found
            reading.fates[number] = "meta:author"
            reading.authors += names
            if outlet:
                reading.outlet_clues.append(outlet)
        elif agency := bp.agency_credit(text):
            reading.fates[number], reading.agency = "meta:agency", agency
        elif rule := bp.removal_rule(text):
            reading.fates[number] = f"removed:{rule}"
            reading.original_outlet = reading.original_outlet or bp.original_outlet(text)


def _claim_tag_blocks(lines: list[tuple[int, str]], reading: _Reading) -> None:
    for number in bp.tag_block_lines([(n, t) for n, t in lines if n not in reading.fates]):
        reading.fates[number] = "removed:tags-line"
    for number in bp.related_link_lines(lines):
        reading.fates.setdefault(number, "removed:related-link")


def _claim_author_bio(lines: list[tuple[int, str]], reading: _Reading) -> None:
    """A name line followed by a paragraph about that person, at the end of the text."""
    free = [(n, t) for n, t in lines if n not in reading.fates][-3:]
    for index, (number, text) in enumerate(free):
        following = free[index + 1] if index + 1 < len(free) else None
        if bp.NAME_LINE.match(text) and following and bp.is_author_bio(following[1], text):
            reading.fates[number] = "meta:author"
            reading.fates[following[0]] = "removed:author-bio"
            reading.authors.append(text)
            reading.outlet_clues += publisher_clues([following[1]])
            return
        if bp.is_author_bio(text, None) and text.lower().startswith("about the author"):
            reading.fates[number] = "removed:author-bio"


def _match_source(clue: str, sources: dict[str, Source]) -> Source | None:
    clue_l = clue.lower().strip()
    best, best_score = None, 0.0
    for source in sources.values():
        names = [source.name, source.id.replace("-", " "), *(source.aliases or ())]
        if source.domain and (clue_l == source.domain or clue_l.endswith("." + source.domain)):
            return source
        score = max(fuzz.token_set_ratio(clue_l, n.lower()) for n in names)
        if score > best_score:
            best, best_score = source, score
    return best if best_score >= 90 else None


def _publisher(reading: _Reading, site_name: str | None, junk: list[str], furniture: list[str],
               hints: Hints, lines: list[str], story: set[int]) -> tuple[str, str]:
    """(publisher, how it was found): override, a project source the page names, else the name on
    the page a learned ranker finds likeliest (site name, ©, domains, logo lines...)."""
    if hints.overrides.get("publisher"):
        return str(hints.overrides["publisher"]), "override"
    if site_name and printed_by_many_sites(site_name):
        site_name = None  # the line above the headline is a menu's ("Sections"), not the site's name
    ordered = [("url", c) for c in url_clues(junk)] + ([("site name", site_name)] if site_name else [])
    ordered += [("page text", c) for c in reading.outlet_clues]
    ordered += [("copyright line", c) for c in copyright_names(furniture)]
    ordered += [("known publisher", c) for c in named_publishers(furniture[:15] + furniture[-30:])]
    ordered += [("domain in the text", c) for c in domain_names(furniture)]
    for how, clue in ordered:
        source = _match_source(clue, hints.sources)
        if source:
            return source.name, how
    extra = {"site_name": [site_name] if site_name else [], "clue": reading.outlet_clues,
             "outlet": [reading.agency] if reading.agency else [],
             "domain": [c for c in url_clues(junk) if "." in c and " " not in c]}
    not_names = _people_and_places(hints.entities) | {name_key(a) for a in reading.authors}
    choice = choose_publisher(publisher_candidates(lines, story, extra, not_names))
    if choice is not None and choice[1] >= publisher_ranker().good:
        return canonical_name(choice[0]), "page text"
    if choice is not None and choice[1] >= MIN_PUBLISHER_SHARE:
        if site_name and choice[1] < WEAK_PUBLISHER_SHARE:  # a weak guess does not overrule the name above the headline
            return site_name, "site name"
        return canonical_name(choice[0]), "guessed"
    for how, clue in ordered:  # no likely name: what the page says outright (a site name over the headline, ©)
        if how in ("site name", "page text", "copyright line"):
            return clue, how
    if reading.agency and reading.agency[:1].isupper():
        source = _match_source(reading.agency, hints.sources)  # a wire story: the agency published it
        return (source.name if source else reading.agency), "agency"
    hosts = [c for c in url_clues(junk) if "." in c and " " not in c]
    return (hosts[0], "url") if hosts else ("Unknown publisher", "none")


def _people_and_places(entities: dict[str, Entity]) -> frozenset[str]:
    return frozenset(name_key(name) for e in entities.values() if e.kind in ("person", "place")
                     for name in (e.name, *e.aliases))


def _date(body_text: str, title: str, reading: _Reading, hints: Hints) -> DateGuess:
    manual = hints.overrides.get("date")
    if manual:
        value = manual if isinstance(manual, dt.date) else dt.date.fromisoformat(str(manual))
        return DateGuess(value, "manual", "high", "set in the sidecar file")
    declared = printed_date(str(hints.declared.get("date") or ""))
    if declared is not None:  # the page's own metadata: only a day after the ingest rules it out
        statement = f"declared by the page: {hints.declared['date']}"
        impossible = impossible_printed_date(declared, [], [], hints.today)
        if impossible is None:
            return DateGuess(declared, "explicit", "high", statement)
        reading.printed_date, reading.printed_day = statement, declared
    return infer_publication_date(body_text, reading.printed_date, list(hints.anchors), hints.window, title,
                                  reading.printed_day, hints.today)


def _with_year(month_day: str, window: tuple[dt.date, dt.date]) -> str:
    """A wire dateline's "January 13" in the year of the coverage window nearest to it."""
    from digest.dates import MONTHS, resolve_calendar
    name, day = month_day.replace(".", "").split()
    month = MONTHS.get(name.lower()[:3], 0) or MONTHS.get(name.lower(), 0)
    resolved = resolve_calendar(month, int(day), None, window[0])
    return resolved.isoformat() if resolved else month_day


def _names_an_entity(text: str, entities: dict[str, Entity]) -> bool:
    wanted = text.strip().lower()
    return any(wanted == name.lower() for e in entities.values() for name in (e.name, *e.aliases))


def _tags(matches, entities: dict[str, Entity]) -> list[str]:
    counted: dict[str, int] = {}
    for match in matches:
        entity = entities.get(match.entity_id)
        if entity and entity.kind in ("place", "org"):
            counted[entity.id] = counted.get(entity.id, 0) + match.count
    ranked = sorted(counted, key=lambda eid: (-counted[eid], eid))
    return [entities[eid].name.lower() for eid in ranked if counted[eid] >= 2][:MAX_TAGS]


def _claim_printed_date(numbered: list[tuple[int, str]], layout: Layout, furniture: set[int],
                        reading: _Reading, today: dt.date | None) -> None:
    """The printed date that is the publication day, weighed against every other date on the page
    (where it stands from the headline, its cues, whether it is furniture or a story line)."""
    anchor = layout.title_line if layout.title_line is not None else layout.first_body
    story = {n for n, _ in numbered if n >= layout.first_body and n not in furniture and n not in reading.fates}
    claimed = {n for n, fate in reading.fates.items() if fate in ("meta:date", "removed:update-date")}
    texts = [text for _, text in numbered]
    month_first = month_first_on(texts)
    if month_first is None:  # 03/05/2022 is 3 May in nearly every language but English
        month_first = detect_language(" ".join(texts)) == "en"
    candidates = date_candidates(numbered, anchor, story, claimed, layout.title_line, today, month_first)
    choice = choose_printed_date(candidates)
    if choice is None:
        return
    chosen, share = choice
    if chosen.number not in story and chosen.number != layout.title_line:
        reading.fates[chosen.number] = "meta:date"
    reading.printed_date, reading.printed_day = chosen.text, chosen.day
    reading.date_far_from_headline = share < date_ranker().good


def _claim_heading(free: list[tuple[int, str]], layout: Layout, reading: _Reading, hints: Hints) -> Heading:
    """Headline, kicker, dek and site name around the chosen headline; what is above it goes."""
    title_line = layout.title_line
    if layout.declared:
        return Heading(layout.title, None)
    kicker, title = split_kicker(layout.title)
    title = without_glued_byline(without_leading_mark(title))
    if title_line is None:
        return Heading(title.rstrip(" ."), None, kicker)
    reading.fates[title_line] = "meta:title"
    above = [(n, t) for n, t in free if n < title_line and n not in reading.fates]
    short_header = 1 <= len(above) <= 4
    site = above[0] if short_header and bp.word_count(above[0][1]) <= 6 else None
    if site and _names_an_entity(site[1], hints.entities):
        reading.fates[site[0]] = "removed:section-label"  # "Russia" above a headline is a section
        site = None
    for number, _ in above:
        reading.fates.setdefault(number, ("meta:site-name" if site and number == site[0]
                                  else "removed:tagline" if short_header else "removed:above-title"))
    after = [(n, t) for n, t in free if title_line < n < layout.first_body and n not in reading.fates]
    plausible = after and 3 <= bp.word_count(after[0][1]) <= 40 and not bp.removal_rule(after[0][1])
    subtitle = after[0] if plausible else None
    if subtitle:
        reading.fates[subtitle[0]] = "meta:subtitle"
    return Heading(title=title.rstrip(), title_line=title_line,
                   kicker=kicker, subtitle=subtitle[1] if subtitle else None,
                   subtitle_line=subtitle[0] if subtitle else None,
                   site_name=site[1] if site else None, site_name_line=site[0] if site else None)


def _review_reasons(layout: Layout, guess: DateGuess, date_confidence: str, publisher_how: str) -> list[str]:
    """What the ingest decided with low confidence (the article's place in the review queue)."""
    reasons = [layout.title_review] if layout.title_review else []
    if guess.value is None:
        reasons.append("no publication date found")
    elif date_confidence == "low":
        reasons.append(f"date {guess.source} with low confidence")
    if publisher_how == "none":
        reasons.append("no publisher found")
    elif publisher_how == "guessed":
        reasons.append("publisher guessed from the names on the page")
    return reasons


def normalize(raw: str, hints: Hints) -> Draft:
    """Clean one raw article into front matter + Markdown body, recording each line's fate."""
    if not any(c.isalnum() for c in raw):  # before repair: ftfy reads U+0085 lines as "…"
        raise IngestError("the file has no text (no letter or digit: only spaces, punctuation or control characters)")
    numbered = [(n, text) for n, text in enumerate(normalize_lines(raw), 1) if text]
    if not numbered:
        raise IngestError("the file has no text")
    reading = _Reading()
    _claim_furniture(numbered, reading)
    _claim_tag_blocks(numbered, reading)
    _claim_author_bio(numbered, reading)
    unwrapped = _blocks(numbered, reading.fates)
    spans = {numbers[0]: numbers for numbers, _ in unwrapped}
    blocks_free = [(numbers[0], text) for numbers, text in unwrapped]
    layout = (declared_layout(blocks_free, str(hints.declared["title"])) if hints.declared.get("title")
              else read_layout(blocks_free))
    if layout is None:
        raise IngestError("no body text left after removing the page furniture")
    layout = _headline_not_run_on(layout, spans, dict(numbered))
    furniture = {n for first in layout.furniture for n in spans[first]}
    _claim_printed_date(numbered, layout, furniture, reading, hints.today)
    heading = _claim_heading([(numbers[0], text) for numbers, text in unwrapped], layout, reading, hints)
    for first, numbers in spans.items():
        for number in numbers[1:]:
            if first in reading.fates:
                reading.fates.setdefault(number, reading.fates[first])
    for number in sorted(furniture):
        reading.fates.setdefault(number, "removed:low-score")
    for number, text in numbered:  # what many sites print around their articles, wherever it stands
        if number not in reading.fates and common_furniture(text):
            reading.fates[number] = "removed:common-line"
    blocks = _blocks(numbered, reading.fates)
    start = heading.title_line if heading.title_line is not None else layout.first_body - 1
    body_lines = [text for numbers, text in blocks if numbers[0] not in reading.fates and numbers[0] > start]
    words = _count_words(body_lines, MIN_BODY_WORDS)
    if words < MIN_BODY_WORDS:
        raise IngestError(f"no body text left after removing the page furniture ({words} words)")
    reading.agency = reading.agency or bp.dateline_agency(body_lines[0]) or wire_agency(body_lines[0])
    if reading.printed_date is None and (wire_date := bp.dateline_date(body_lines[0])):
        reading.printed_date = _with_year(wire_date, hints.window)
        reading.date_from_dateline = True
    body = structure_body(body_lines)
    junk = [t for n, t in numbered if reading.fates.get(n) == "removed:url-junk"]
    removed = [t for n, t in numbered if reading.fates.get(n, "").startswith("removed:")]
    reading.outlet_clues += [c for c in publisher_clues(removed) if c[:1].isupper() and clean_name(c)]
    story = {i for i, (n, _) in enumerate(numbered) if n not in reading.fates and n > start
             or n == heading.title_line}  # the headline names what the story is about, not who published it
    publisher, publisher_how = _publisher(reading, heading.site_name, junk, removed, hints,
                                          [t for _, t in numbered], story)
    plain = "\n\n".join(body.paragraphs)
    title = heading.title or ""
    matches, unknown = find_entities(plain, hints.entities, title)
    quality = assess_quality(plain, matches, hints.entities, list(body.lead_ins), "\n".join(body_lines))
    guess = _date(plain, title, reading, hints)
    warnings = []
    if guess.rejected:
        warnings.append(guess.rejected)
    date_value = guess.value
    if date_value is None:
        date_value = hints.window[0]
        warnings.append("no publication date found: set `date` by hand (using the coverage start for now)")
    if publisher_how == "none":
        warnings.append("no publisher found: set `publisher` by hand or pass --publisher")
    confidence = ("medium" if (reading.date_from_dateline or reading.date_far_from_headline)
                  and guess.source == "explicit" else guess.confidence if guess.value else "low")
    front = {
        "title": consistent_quotes(title),
        "subtitle": heading.subtitle,
        "kicker": heading.kicker,
        "date": date_value,
        "date_source": guess.source,
        "date_confidence": confidence,
        "date_evidence": guess.evidence + (f" (rejected {guess.rejected})" if guess.rejected else ""),
        "publisher": publisher,
        "author": list(dict.fromkeys(hints.overrides.get("author") or reading.authors)),
        "agency": reading.agency,
        "original_outlet": reading.original_outlet,
        "url": hints.overrides.get("url"),
        "language": detect_language(plain),
        "summary": summarize(list(body.paragraphs)),
        "tags": _tags(matches, hints.entities),
        "entities": sorted({m.entity_id for m in matches}),
        "quality": quality.as_front_matter(),
        "translated_from": _source_language(plain, quality.machine_translated, hints.overrides.get("url")),
        "raw": hints.raw_path,
    }
    reasons = _review_reasons(layout, guess, confidence, publisher_how)
    if reasons:
        front["review"], front["review_reasons"] = "needed", reasons
        warnings.append("review needed: " + "; ".join(reasons))
    front = {k: v for k, v in front.items() if v not in (None, "", [])}
    return Draft(front, body.markdown, dict(sorted(reading.fates.items())), tuple(unknown), tuple(warnings))


def _source_language(plain: str, machine_translated: str, url: str | None) -> str | None:
    """`translated_from` for text flagged as machine-translated, when the text says from what."""
    if machine_translated == "none":
        return None
    found = likely_source_language(plain, url)
    return found.code if found else None
