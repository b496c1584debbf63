"""The article fields of docs/content-schema.md, written from the field table (model.Article).

    python -m digest.content.schema_doc          # rewrite the block in docs/content-schema.md

A test checks that the document holds exactly this block, so the schema document cannot fall
behind the table.
"""
from __future__ import annotations

import sys
from pathlib import Path

from digest.model import FrontMatterField, front_matter_fields

DOC = Path(__file__).resolve().parents[2] / "docs" / "content-schema.md"
BEGIN = "<!-- article fields: written by `python -m digest.content.schema_doc` from model.Article -->"
END = "<!-- end of the article fields -->"
COMMENT_COLUMN = 49


def _comment(spec: FrontMatterField) -> str:
    doc = f"{' | '.join(spec.choices)}: {spec.doc}" if spec.choices else spec.doc
    if spec.also:
        doc += f" (also as {', '.join(f'`{k}`' for k in spec.also)})"
    return doc


def article_block() -> str:
    """The example article: each key with an example value and what it is, in the table's order."""
    lines = ["```yaml", "---"]
    for _, spec in front_matter_fields():
        first, *more = spec.example.split("\n")
        head = f"{spec.key}: {first}" if first else f"{spec.key}:"
        lines.append(f"{head.ljust(COMMENT_COLUMN - 1)} # {_comment(spec)}")
        lines += more
    lines += ["---", "Body in Markdown (paragraphs, `- ` lists, `> ` quotes, **Lead-in:** labels).", "```"]
    return "\n".join([BEGIN, *lines, END])


def with_block(document: str) -> str:
    """The document with its generated block replaced by the current one."""
    start, end = document.index(BEGIN), document.index(END) + len(END)
    return document[:start] + article_block() + document[end:]


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    updated = with_block(text)
    if updated != text:
        DOC.write_text(updated, encoding="utf-8")
        print(f"rewrote the article fields of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
