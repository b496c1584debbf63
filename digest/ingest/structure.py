"""Body lines -> Markdown blocks: paragraphs, bullet lists, quotes and bold lead-in labels."""
from __future__ import annotations

import re
from dataclasses import dataclass

from digest.ingest.repair import split_glued_sentences

BULLET = re.compile(r"^[•●▪‣◦·*–-]\s+(?P<text>\S.*)$")
QUOTE = re.compile(r"^>\s?(?P<text>.*)$")
LEAD_IN = re.compile(r"^(?P<label>[A-Z][A-Za-z’' -]{1,34}?):\s+(?P<rest>\S.*)$")
_NOT_LABELS = re.compile(r"\b(?:said|says|told|added|wrote|asked|tweeted|warned|insisted|noted)$", re.I)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START_SPECIAL = re.compile(r"^(#{1,6}\s|>|[+=-]\s|\d+[.)]\s)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class Body:
    markdown: str
    lead_ins: tuple[str, ...]
    paragraphs: tuple[str, ...]  # plain text of each block, for summaries and checks


def escape_markdown(text: str) -> str:
    """Text that markdown-it renders exactly as written."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def repair_outside_quotes(text: str) -> str:
    """Split glued sentences, but never touch the words inside quotation marks."""
    pieces, last = [], 0
    for match in _QUOTED.finditer(text):
        pieces.append(split_glued_sentences(text[last:match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(split_glued_sentences(text[last:]))
    return "".join(pieces)


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line without an ending that runs on in lower case."""
    joined: list[str] = []
    for line in lines:
        ends_sentence = joined and joined[-1].endswith((".", "!", "?", ":", "”", '"'))
        if joined and not BULLET.match(line) and line[:1].islower() and not ends_sentence:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def lead_in(text: str) -> tuple[str, str] | None:
    """`Between the lines: …` -> ("Between the lines", "…") for short, verb-less labels."""
    match = LEAD_IN.match(text)
    if not match:
        return None
    label, rest = match.group("label").strip(), match.group("rest")
    if len(label.split()) > 4 or _NOT_LABELS.search(label) or len(rest.split()) < 3:
        return None
    return label, rest


def _block(text: str) -> tuple[str, str, str | None]:
    """(kind, markdown, label) for one body line."""
    if match := BULLET.match(text):
        return "bullet", "- " + escape_markdown(repair_outside_quotes(match.group("text"))), None
    if match := QUOTE.match(text):
        return "quote", "> " + escape_markdown(match.group("text")), None
    if found := lead_in(text):
        label, rest = found
        return "para", f"**{escape_markdown(label)}:** {escape_markdown(repair_outside_quotes(rest))}", label
    return "para", escape_markdown(repair_outside_quotes(text)), None


def structure_body(lines: list[str]) -> Body:
    """Markdown for the body: consecutive bullets become one list, other lines paragraphs."""
    blocks: list[str] = []
    labels: list[str] = []
    plain: list[str] = []
    previous_kind = None
    for text in unwrap([line for line in lines if line.strip()]):
        kind, markdown, label = _block(text)
        if label:
            labels.append(label)
        if kind == previous_kind and kind in ("bullet", "quote"):
            blocks[-1] += "\n" + markdown
        else:
            blocks.append(markdown)
        plain.append(repair_outside_quotes(BULLET.sub(r"\g<text>", text)))
        previous_kind = kind
    return Body("\n\n".join(blocks) + "\n", tuple(labels), tuple(plain))
