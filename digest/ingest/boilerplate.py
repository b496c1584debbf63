"""Recognise the lines of a scraped page that are not the story: promos, captions, bios...

Each rule is a general pattern of news-site furniture (never a string of one site). A rule
either removes a line (`removed:<rule>`) or moves what it says into metadata (`meta:<field>`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_I = re.I

# -- lines removed ---------------------------------------------------------------------------
SPONSOR = re.compile(
    r"^(?:(?:powered|sponsored|presented|brought to you|supported|in partnership with)(?: by)?\b.{0,60}"
    r"|advertisement|advertising|sponsored(?: content)?|promoted(?: content)?|paid (?:post|content)|ad|story continues below(?: advertisement)?)$", _I)
READING_TIME = re.compile(
    r"^(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*-?\s*min(?:ute)?s?\.?\s*(?:read|reading|listen)\b.{0,20}"
    r"|(?:estimated )?(?:reading|read|listening) time\s*[:\-]?.{0,20})$", _I)
_SHARE_WORD = r"(?:share|shares|tweet|email|e-mail|print|pin|save|copy link|click to copy|copy|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|messenger|flipboard|comment|comments)"
SHARE = re.compile(rf"^(?:{_SHARE_WORD}(?: (?:this|on|via|article|story|the article|the story|link|now))*[\s|,·•/]*)+[.:]?$", _I)
COMMENTS = re.compile(
    r"\b(?:leave a (?:reply|comment)|your email address will not be published|required fields are marked"
    r"|post a comment|add a comment|join the (?:conversation|discussion)|comments? (?:are|is) closed"
    r"|view comments|load comments|show comments|be the first to comment|\d+ comments?)\b", _I)
SOURCE_LINK = re.compile(
    r"^(?:source link|source url|originally (?:published|appeared) (?:at|on|in|by)\b.{0,80}|read the original(?: article| story)?"
    r"|view original(?: article)?|continue reading.{0,40}|read more\b.{0,80}|read also\b.{0,80}|also read\b.{0,80}"
    r"|related(?: stories| articles| coverage| news)?\s*[:»›>-].{0,80}|related(?: stories| articles| coverage| news)?"
    r"|recommended(?: for you| stories)?|more from [\w .&'-]{1,40}|you may also like|trending(?: now)?|most read"
    r"|see also\b.{0,80}|top stories|latest news)$", _I)
# Phrases that mark a promotion wherever they are, and phrases that do only when they open the line
# (news text says "become a member of NATO" or "to find out more, officials said").
PROMO = re.compile(
    r"\b(?:sign up|signup|subscribe (?:to|now|for|today)|our (?:free |daily |weekly )?newsletters?|newsletter\b.{0,40}\b(?:inbox|free|sign)"
    r"|join our|follow us (?:on|at)|download (?:our|the) app|get (?:our|the) app|click here|tap here"
    r"|is now on (?:telegram|whatsapp|google news|instagram)|stay updated|turn on notifications"
    r"|support (?:our|independent) journalism|already a subscriber|create a free account)"
    r"|^\W*(?:become a (?:member|subscriber)|find out more|like this (?:story|article)|get the latest|don['’]t miss"
    r"|never miss|for more (?:news|stories|updates)|log in|subscribe|read our)\b", _I)
COOKIES = re.compile(
    r"\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)"
    r"|privacy policy|terms of (?:use|service)|all rights reserved)\b|^©|^copyright\b", _I)
URL_JUNK = re.compile(r"^(?:[?&/#][\w%.-]+=|https?://|www\.)|%2[fF]|%3[aA]|\butm_\w+=|^\S+\.(?:html?|php|aspx?)(?:\?\S*)?$", _I)
IMAGE_FILE = re.compile(r"^(?:[a-z0-9]+(?:[-_][a-z0-9]+){2,}|\S+\.(?:jpe?g|png|gif|webp|avif|svg))\b", _I)
CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|photograph|file photo|caption|credit|illustration|video)(?: credit| source)?s?\s*[:|–-]", _I)
CAPTION_TAIL = re.compile(r"\b(?:photograph|photo|picture|image|illustration|video)\s*:\s*[^.:]{2,80}$", _I)
NAV_LINK = re.compile(r"^(?:previous|next|older|newer|back to top|show caption|hide caption)(?: article| post| story| page)?\s*[»›>]?$", _I)
PHOTO_CREDIT = re.compile(r"(?:getty images|via getty|ap photo|reuters/|shutterstock|epa-efe|/afp|afp photo|\(photo:.*\)|photo credit.*)\s*\)?$", _I)
CAPTION_CREDIT = re.compile(r"\s\|\s*[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}$")

CREDIT_LINE = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|edited|compiled|graphics|research) by\b[^.]{2,120}(?:;[^.]{2,80})*\.?\)?$"
    r"|^[^.]{2,80}\b(?:contributed (?:to )?(?:this )?(?:report|reporting|story)|reported from [^.]{2,60})\.?$", _I)
SOURCE_CREDIT = re.compile(r"^(?:source|sources|via|credit)\s*:\s*[^.]{2,40}$", _I)
TAGS_HEADING = re.compile(r"^(?:related topics|topics|tags|filed under|more on|related tags|keywords"
                          r"|explore more on (?:these|this) topics?|more on (?:these|this) topics?)\s*:?$", _I)
BYLINE_WITH_PLACE = re.compile(
    r"^(?P<first>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s+in\s+[A-Z][\w .'’-]{1,30}?"
    r"(?:\s+and\s+(?P<second>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s+in\s+[A-Z][\w .'’-]{1,30})?$")
POSTED_BY = re.compile(r"^(?:posted|published|written|submitted)\s+by\s+(?P<name>.{2,40}?)\s+on\s+(?P<date>.{6,40})$", _I)
GENERIC_ACCOUNTS = {"admin", "administrator", "editor", "staff", "webmaster", "newsdesk", "news desk", "team"}
BREADCRUMB = re.compile(r"^(?:[\w&'’ -]{2,25}\s*[/›»>|]\s*){1,5}[\w&'’ -]{2,25}$")
TAGS_LINE = re.compile(r"^(?:tags|tagged(?: with)?|topics|filed under|categories|related topics|keywords)\s*:.{0,200}$", _I)
SECTION_LABEL = re.compile(
    r"^(?:world|politics|business|europe|news|opinion|us news|world news|international|asia|middle east|americas"
    r"|africa|national|sport|sports|tech|technology|science|health|top stories|latest|breaking news|live)$", _I)
DISCLAIMER = re.compile(r"^(?:disclaimer|note to readers|editor['’]s note: this (?:story|article) (?:is|was) (?:auto|automatically))\s*:?.{0,300}$", _I)
RELATED_HEADING = re.compile(r"^(?:read also|also read|read more|related|related stories|related articles|see also|more stories|recommended)\s*:?$", _I)
EDITORIAL_POLICY = re.compile(r"^(?:our standards|editorial (?:standards|policy|guidelines)|corrections policy|ethics policy)\b.{0,100}$", _I)

# -- lines moved into metadata ---------------------------------------------------------------
AGENCY_NAMES = r"(?:AP|AFP|Reuters|PTI|IANS|ANI|UNI|Xinhua|DPA|EFE|Bloomberg|TASS|Interfax|RIA Novosti|Kyodo|Yonhap|ANSA|Anadolu|Associated Press|Agence France-Presse)"
AGENCY_CREDIT = re.compile(
    rf"^[-–—(\[\s]*(?i:with )?(?i:inputs?|additional reporting|reporting|written|edited|compiled)\s+(?i:from|by)\s+"
    rf"(?P<agency>[A-Z][\w&.-]*(?:\s+(?:and|&)?\s*[A-Z][\w&.-]*){{0,3}}|(?i:agencies|news agencies|wire services|wires))"
    rf"\s*[)\]]?\.?$|^\(?(?P<bare>{AGENCY_NAMES})\)?\.?$")
BYLINE = re.compile(
    r"^(?:by|written by|author|authors|reporting by|words by|story by|posted by)\s*[:\-]?\s+"
    r"(?P<names>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*)"
    r"(?:\s*[|,·•–—-]\s*(?P<outlet>[^|]{2,60}))?$", _I)
NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'’-]+){1,2}$")
BIO_CUES = re.compile(
    r"\b(?:is an? (?:\w+ ){0,3}(?:writer|journalist|reporter|correspondent|editor|author|contributor|columnist|blogger|analyst)"
    r"|holds a position as|works as an?|content writer|staff writer|has (?:a )?(?:proficiency|experience|expertise)"
    r"|(?:his|her|their) (?:academic|educational) (?:qualifications|background)|graduated|writes (?:about|for|an)"
    r"|covers\b|you can (?:reach|follow|contact)|follow (?:him|her|them) on|about the author)\b", _I)


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern
    max_words: int | None = None  # long prose lines are never furniture for this rule
    # Text every match holds (one of them, in lower case): a line without any is not searched, which
    # spares the slow unanchored patterns on nearly every line. None: always searched.
    clues: tuple[str, ...] | None = None


REMOVAL_RULES: tuple[LineRule, ...] = (
    LineRule("sponsor", SPONSOR),
    LineRule("reading-time", READING_TIME),
    LineRule("share-prompt", SHARE, 12),
    LineRule("comment-prompt", COMMENTS, 40, ("comment", "leave a reply", "your email address will not be published",
                                              "required fields are marked", "join the ")),
    LineRule("source-link", SOURCE_LINK, 20),
    LineRule("cookie-notice", COOKIES, 40, ("cookie", "privacy policy", "terms of ", "all rights reserved", "©",
                                            "copyright")),
    LineRule("url-junk", URL_JUNK, 25, ("?", "&", "/", "#", "http", "www.", "%2f", "%3a", "utm_", ".htm", ".php",
                                        ".asp")),
    LineRule("credit-line", CREDIT_LINE, 30, (" by", "contributed", "reported from")),
    LineRule("source-credit", SOURCE_CREDIT, 6),
    LineRule("breadcrumb", BREADCRUMB, 8, ("/", "›", "»", ">", "|")),
    LineRule("tags-line", TAGS_LINE, 40),
    LineRule("section-label", SECTION_LABEL, 3),
    LineRule("editorial-policy", EDITORIAL_POLICY, 20),
    LineRule("disclaimer", DISCLAIMER, 45),
    LineRule("promo", PROMO, 35, ("sign", "subscri", "newsletter", "join our", "follow us", "app", "click here",
                                  "tap here", "is now on", "stay updated", "notifications", "journalism",
                                  "create a free account", "become a", "find out more", "like this", "get the latest",
                                  "miss", "for more", "log in", "read our")),
    LineRule("image-caption", CAPTION_LABEL, 45),
    LineRule("image-caption", PHOTO_CREDIT, 45, ("getty", "ap photo", "reuters/", "shutterstock", "epa-efe", "/afp",
                                                 "afp photo", "(photo:", "photo credit")),
    LineRule("image-caption", CAPTION_TAIL, 45, ("photo", "picture", "image", "illustration", "video")),
    LineRule("navigation", NAV_LINK, 4),
)


_RULES = tuple((r.name, r.max_words if r.max_words is not None else 1 << 30,
                re.compile("|".join(map(re.escape, r.clues))).search if r.clues is not None else None, r.pattern.search)
               for r in REMOVAL_RULES)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def word_count(text: str) -> int:
    return len(text.split())


def quoted_share(line: str) -> float:
    """How much of a line is inside quotation marks (quotes are story, never furniture)."""
    if "“" not in line and '"' not in line:
        return 0.0
    quoted = sum(len(m) for m in _QUOTED.findall(line))
    return quoted / max(1, len(line))


@lru_cache(maxsize=8192)
def removal_rule(line: str) -> str | None:
    """The furniture rule a line matches, if any."""
    if quoted_share(line) > 0.5:
        return None
    words = word_count(line)
    lowered = line.lower()
    for name, max_words, clue_in, search in _RULES:
        if words > max_words or (clue_in is not None and not clue_in(lowered)):
            continue
        if search(line):
            return name
    if is_image_caption(line):
        return "image-caption"
    return None


def is_image_caption(line: str) -> bool:
    """A file-name slug opening the line, or a short unpunctuated line with a `| Credit` tail."""
    if IMAGE_FILE.match(line) and "-" in line.split()[0] + "_" and line.split()[0].lower() == line.split()[0]:
        return True
    return word_count(line) <= 30 and not line.endswith((".", "?", "!", "”", '"')) and bool(CAPTION_CREDIT.search(line))


DATELINE_AGENCY = re.compile(rf"^[A-Z][A-Za-z0-9 .,'’-]{{1,40}}\s*(?:\((?P<agency>{AGENCY_NAMES})\)\s*[-–—]|/(?P<slashed>[A-Z]{{2,10}})/)")
DATELINE_DATE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,30},\s+(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b")
ORIGINAL_OUTLET = re.compile(
    r"^(?:originally (?:published|appeared) (?:at|on|in|by)|this (?:article|story) (?:first )?appeared (?:in|on|at)"
    r"|first published (?:in|on|by))\s+(?P<outlet>[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,4})", _I)


def dateline_agency(paragraph: str) -> str | None:
    """`BRUSSELS (Reuters) - ...` names the wire service that wrote the story."""
    match = DATELINE_AGENCY.match(paragraph)
    return (match.group("agency") or match.group("slashed")) if match else None


def dateline_date(paragraph: str) -> str | None:
    """`MOSCOW, January 13. /TASS/. ...` -> "January 13" (a wire dateline; the year is implied)."""
    match = DATELINE_DATE.match(paragraph)
    return match.group("date") if match else None


def original_outlet(line: str) -> str | None:
    """`Originally published at X` on an aggregator names the outlet the text comes from."""
    match = ORIGINAL_OUTLET.match(line.strip())
    return match.group("outlet").strip(" .") if match else None


def agency_credit(line: str) -> str | None:
    """`-Inputs from PTI`, `(Reuters)`, `With additional reporting by AFP` -> the agency."""
    match = AGENCY_CREDIT.match(line.strip())
    if not match:
        return None
    return (match.group("agency") or match.group("bare")).strip()


def byline(line: str) -> tuple[list[str], str | None] | None:
    """`By Jane Doe and John Roe | Reuters` or `By JANE DOE, CNN` -> (["Jane Doe", ...], outlet)."""
    match = BYLINE.match(line.strip())
    if not match or word_count(line) > 16:
        return None
    names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names"), flags=re.I) if n.strip()]
    outlet = match.group("outlet").strip() if match.group("outlet") else None
    if len(names) > 1 and len(names[-1].split()) == 1 and "," in match.group("names"):
        outlet = outlet or names.pop()  # "By Jane Doe, CNN": a one-word last part is the outlet
    return [_name_case(n) for n in names], outlet


def place_byline(line: str) -> list[str] | None:
    """`Andrew Roth in Moscow and Julian Borger in Washington` -> the two names."""
    match = BYLINE_WITH_PLACE.match(line.strip())
    if not match or word_count(line) > 14:
        return None
    return [n for n in (match.group("first"), match.group("second")) if n]


def posted_by(line: str) -> tuple[str | None, str] | None:
    """`Posted by admin on January 13, 2022` -> (author or None for a generic account, date text)."""
    match = POSTED_BY.match(line.strip())
    if not match:
        return None
    name = match.group("name").strip()
    return (None if name.lower() in GENERIC_ACCOUNTS else name), match.group("date")


def _name_case(name: str) -> str:
    """`LORNE COOK` -> `Lorne Cook` (bylines in capitals); mixed case is left as written."""
    return name.title() if name.isupper() and len(name) > 3 else name


def related_link_lines(lines: list[tuple[int, str]]) -> list[int]:
    """Headlines listed under a `Read also` / `Related` heading (up to three short lines)."""
    found: list[int] = []
    for index, (_number, text) in enumerate(lines):
        if RELATED_HEADING.match(text):
            for next_number, next_text in lines[index + 1:index + 4]:
                if word_count(next_text) > 20 or next_text.endswith((".", "!", "?", "”", '"')):
                    break
                found.append(next_number)
    return found


def tag_block_lines(lines: list[tuple[int, str]]) -> list[int]:
    """A `Related topics` heading and the short tag lines that follow it."""
    found: list[int] = []
    in_block = False
    for number, text in lines:
        if TAGS_HEADING.match(text):
            found.append(number)
            in_block = True
        elif in_block and word_count(text) <= 3 and not text.endswith((".", "!", "?", "”", '"')):
            found.append(number)
        else:
            in_block = False
    return found


def is_author_bio(paragraph: str, author: str | None) -> bool:
    """A paragraph about the writer (their job, studies, interests) rather than the news."""
    if not BIO_CUES.search(paragraph):
        return False
    first = paragraph.split()[0] if paragraph.split() else ""
    opens_with_person = first in ("He", "She", "They") or bool(author and first in author.split())
    return opens_with_person or paragraph.lower().startswith("about the author")
