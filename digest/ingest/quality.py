"""Signals that a text was machine-translated or synonym-spun, and near-duplicate detection."""
from __future__ import annotations

import re
from dataclasses import dataclass

from digest.ingest.entities import EntityMatch
from digest.model import Entity

# Collocations that article spinners produce when they swap words for "synonyms":
# each is an unidiomatic rewrite of a stock news phrase (ahead of, national security, ...).
SPUN_COLLOCATIONS = {
    r"\bforward of (?:the|a|an|his|her|their|its|[A-Z])": "ahead of",
    r"\b(?:deep|sharp|major|key|big) variations\b": "differences",
    r"\bnationwide safety\b": "national security",
    r"\bsafety (?:ensures|guarantees|council|companies)\b": "security ...",
    r"\b(?:advised|suggested|instructed) (?:reporters|journalists)\b": "told reporters",
    r"\bofficers (?:mentioned|stated|stated that)\b": "officials said",
    r"[”\"]\s*,?\s*(?:he|she|they|[A-Z][a-z]+) mentioned\b": "said",
    r"\b(?:he|she|they) mentioned (?:it|that|the)\b": "said",
    r"\bhigh (?:adviser|aide|official|diplomat)\b": "top ...",
    r"\binformation (?:company|agency)\b": "news agency",
    r"\bby (?:cellphone|cell phone|mobile phone)\b": "by phone",
    r"\bjapanese (?:ukraine|europe|flank|border|region)\b": "eastern ...",
    r"\barmy (?:motion|escalation|drills)\b": "military ...",
    r"\b(?:stood|stands|stand) able to\b": "stood ready to",
    r"\bwithin the days forward\b": "in the days ahead",
    r"\bto satisfy (?:in|with)\b": "to meet",
    r"\bworldwide (?:historian|relations|regulation)\b": "international ...",
    r"\bgaggle of \d+\b": "group of",
    r"\bin accordance with the (?:white house|state department|kremlin|ministry)\b": "according to",
    r"\bprice-benefit\b": "cost-benefit",
    r"\bpackage deal of\b": "package of",
    r"\b(?:russian|u\.s\.|american|western) officers\b": "officials",
}
# Fragments typical of machine translation round trips.
TRANSLATION_TELLS = {
    r"\b[A-Z][a-z]+ (?:he|she) told reporters\b": "subject doubled by a pronoun (“Name he told reporters”)",
    r"\b(?:a few|several|many|two|three) [A-Z][a-z]+ (?:conversation|meeting|call)\b": "plural number with singular noun",
    r"\b\w+[a-z](?:It|The|This)[’']?s?\b": "sentences run together",
    r"\b(?:so-called|called) ‘[a-z]+ change": "literal translation of a set phrase",
}
KNOWN_LEAD_INS = frozenset(s.lower() for s in """Why it matters|Driving the news|Between the lines|What's next|What’s next|The big picture|
Yes, but|Go deeper|Flashback|State of play|The bottom line|Bottom line|What they're saying|What they’re saying|Zoom in|Zoom out|
Details|Context|Catch up quick|The intrigue|Reality check|By the numbers|The latest|Our thought bubble|What to watch|
Be smart|Of note|Worth noting|The other side|Where it stands|What happened|Background|Key quote|Threat level|The backdrop|
Between the lines|What we're watching|Go deeper|Editor's note|Note|Update|Correction""".replace("\n", "").split("|"))


@dataclass(frozen=True)
class QualityReport:
    machine_translated: str
    rewritten: str
    score: float
    evidence: tuple[str, ...]

    def as_front_matter(self) -> dict:
        return {"machine_translated": self.machine_translated, "rewritten": self.rewritten,
                "score": round(self.score, 2), "evidence": list(self.evidence)}


def _level(score: float) -> str:
    return "likely" if score >= 0.6 else "possible" if score >= 0.3 else "none"


# A word every match of each spun collocation contains (any of them): a text without it is not
# searched, which spares a whole-text scan per pattern on nearly every article.
_SPUN_CLUES = ("forward of", "variations", "nationwide safety",
               ("safety ensures", "safety guarantees", "safety council", "safety companies"),
               ("reporters", "journalists"), ("officers mentioned", "officers stated"), "mentioned", "mentioned",
               ("high adviser", "high aide", "high official", "high diplomat"),
               ("information company", "information agency"), ("cellphone", "cell phone", "mobile phone"),
               "japanese ", ("army motion", "army escalation", "army drills"),
               ("stood able to", "stands able to", "stand able to"), "within the days forward",
               ("to satisfy in", "to satisfy with"),
               ("worldwide historian", "worldwide relations", "worldwide regulation"), "gaggle of",
               "in accordance with the", "price-benefit", "package deal of",
               ("russian officers", "u.s. officers", "american officers", "western officers"))
_SPUN = tuple((re.compile(pattern, re.I), idiom, clue if isinstance(clue, tuple) else (clue,))
              for (pattern, idiom), clue in zip(SPUN_COLLOCATIONS.items(), _SPUN_CLUES, strict=True))


def spun_evidence(text: str) -> list[str]:
    found = []
    lowered = text.lower()
    for pattern, idiom, clues in _SPUN:
        match = pattern.search(text) if any(clue in lowered for clue in clues) else None
        if match:
            found.append(f"“{match.group(0)}” (for “{idiom}”)")
    return found


def translation_evidence(text: str, matches: list[EntityMatch], entities: dict[str, Entity],
                         lead_ins: list[str], raw_text: str = "") -> list[str]:
    found = []
    for match in matches:
        entity = entities.get(match.entity_id)
        if not match.exact and entity is not None and entity.kind == "person":
            found.append(f"misspelled name “{match.surface}” ({entity.name})")
    for pattern, what in TRANSLATION_TELLS.items():
        hit = re.search(pattern, raw_text or text)
        if hit:
            found.append(f"{what}: “{hit.group(0)}”")
    odd = [label for label in lead_ins if label.lower() not in KNOWN_LEAD_INS]
    if len(odd) >= 2:
        found.append("section labels that no newsroom uses: " + ", ".join(f"“{label}”" for label in odd[:4]))
    return found


def assess_quality(text: str, matches: list[EntityMatch], entities: dict[str, Entity],
                   lead_ins: list[str], raw_text: str = "") -> QualityReport:
    """Score both kinds of damage; a handful of independent tells makes it 'likely'.

    `raw_text` is the body before repair: some tells (sentences run together) are repaired away.
    """
    spun = spun_evidence(text)
    translated = translation_evidence(text, matches, entities, lead_ins, raw_text)
    spun_score = min(1.0, 0.15 * len(spun))
    translated_score = min(1.0, 0.3 * len(translated))
    return QualityReport(_level(translated_score), _level(spun_score), max(spun_score, translated_score),
                         tuple(translated + spun))


def shingles(text: str, size: int = 5) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(hash(" ".join(words[i:i + size])) for i in range(max(0, len(words) - size + 1)))


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Containment of the smaller text in the larger (a rewrite keeps most 5-word runs)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


NEAR_DUPLICATE = 0.35
