"""Who published a page: clues the text gives away, weighed in order of how specific they are.

A wire dateline ("NUR-SULTAN. KAZINFORM -", "Jan. 14 (UPI) --"), copyright and credit lines
("© 2019 VentureBeat"), a domain or URL in the text, and names of known publishers (the
project's `sources.yaml` and the shipped `data/publishers.json`).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "publishers.json"
_NAME = r"(?:The\s)?[A-Z0-9][\w&'’.+-]*(?:\s(?:[A-Z0-9][\w&'’.+-]*|&|of|de|der|die|du|del|di)){0,4}"
COPYRIGHT = re.compile(
    rf"(?:(?i:copyright)\s*)?(?:©|\((?i:c)\)|(?i:copyright))\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*[,.]?\s*)?"
    rf"(?:(?i:by)\s+)?(?P<name>{_NAME})")
WIRE_IN_PARENS = re.compile(r"^.{0,60}?\((?P<agency>[A-Z][A-Za-z]{1,14}(?:\s[A-Z][a-z]+)?)\)\s*(?:--|—|–|-)\s")
WIRE_CAPS = re.compile(r"^[A-Z][A-Z .'’-]{1,30}[.,]\s+(?P<agency>[A-Z]{3,14})\s*(?:--|—|–|-)\s")
DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|net|org|de|at|ch|fr|es|it|co\.uk|uk|ru|in|info|news|io|eu|nl|be|"
                    r"pl|cz|ca|com\.au|au|us|tv|kz|ua))\b", re.I)
_NOT_NAMES = re.compile(r"^(?:all|rights|reserved|the|our|this|inc|ltd|\d+)$", re.I)
_TRAILING = re.compile(r"\s+(?:All|Rights|Reserved|Alle|Rechte|Tous|Todos|Derechos|Inc|Ltd|LLC|GmbH|AG|S\.?A|plc|"
                       r"Co|KG|e\.V|Limited|Corporation|Media Group)\.?$", re.I)


@lru_cache(maxsize=1)
def known_publishers() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name -> name, domain -> name) from the shipped data file."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))["publishers"]
    names = {name.lower(): name for name in data}
    domains = {domain: name for name, listed in data.items() for domain in listed}
    return names, domains


def clean_name(name: str) -> str | None:
    """A publisher name without company-form tails or "All rights reserved"; None if nothing is left."""
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
