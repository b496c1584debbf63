"""Split a Markdown file into YAML front matter and body; load YAML safely with line numbers."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from digest.characters import has_control_characters, without_control_characters
from digest.errors import ContentError

try:  # the C loader is ~10x faster; same safety guarantees as SafeLoader
    SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    SafeLoader = yaml.SafeLoader

MAX_YAML_NODES = 20_000  # bounds work on alias bombs and absurd front matter


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML mapping with the 1-based line of each key and list item, at every depth."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    first_line: int
    lines: dict[tuple, int] = field(default_factory=dict, compare=False)  # ("events", 3, "date") -> line

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.first_line)

    def line_at(self, *where: object) -> int:
        """The line of the deepest part of `where` (keys and list indexes) that the file has."""
        for end in range(len(where), 0, -1):
            if where[:end] in self.lines:
                return self.lines[where[:end]]
        return self.first_line


@dataclass(frozen=True)
class SplitFile:
    """A content file cut into its front matter and its Markdown body."""

    front: YamlDoc
    body: str
    body_line: int  # 1-based line where the body starts


_YAML = "tag:yaml.org,2002:"
# The schema's types and nothing else: no !!set, !!binary, !!omap, !!python/..., no custom tags.
_SCALAR_TAGS = {_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = _YAML + "str"
_TAG_NAMES = {_YAML + "str": "text", _YAML + "int": "integer", _YAML + "float": "number",
              _YAML + "bool": "true/false", _YAML + "null": "null", _YAML + "timestamp": "date"}


class _Constructor:
    """Builds plain Python values from a composed YAML node tree, refusing what the schema does not
    take, with the line of every problem; counts nodes so aliases cannot multiply the work."""

    def __init__(self, loader: Any, path: Path | str, line_offset: int, clean: bool = False):
        """`clean`: the text has no character XML forbids and no backslash, so no escape can make
        one and the values need no cleaning (most front matter: ~20 scans of a value spared)."""
        self.loader, self.path, self.offset, self.clean = loader, path, line_offset, clean
        self.budget = MAX_YAML_NODES
        self.lines: dict[tuple, int] = {}

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def fail(self, node: yaml.Node, message: str) -> ContentError:
        return ContentError(self.path, self.line(node), message)

    def value(self, node: yaml.Node, where: tuple) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(node, "front matter is too large or too deeply aliased")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _YAML + "seq":
                raise self.tag_error(node)
            items = []
            for index, item in enumerate(node.value):
                self.lines[where + (index,)] = self.line(item)
                items.append(self.value(item, where + (index,)))
            return items
        if not isinstance(node, yaml.MappingNode) or node.tag != _YAML + "map":
            raise self.tag_error(node)
        return self.mapping(node, where)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:  # what PyYAML's constructor returns for text, without its bookkeeping
            return node.value if self.clean else without_control_characters(node.value)
        if node.tag not in _SCALAR_TAGS:
            raise self.tag_error(node)
        try:
            value = self.loader.construct_object(node)
        except Exception:  # PyYAML's constructors raise KeyError, AttributeError, ValueError...
            raise self.fail(node, f"{node.value!r} is not a valid {_TAG_NAMES[node.tag]}") from None
        return without_control_characters(value) if isinstance(value, str) else value

    def mapping(self, node: yaml.MappingNode, where: tuple) -> dict:
        result: dict = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _YAML + "merge":
                raise self.fail(key_node, "keys must be plain text (no lists, mappings or `<<` merges)")
            key = self.scalar(key_node)
            name, line = str(key), self.line(key_node)
            if name in seen:
                dotted = ".".join(str(part) for part in where + (name,) if not isinstance(part, int))
                raise ContentError(self.path, line, f"duplicate key `{dotted}` (first on line {seen[name]})")
            seen[name] = line
            self.lines[where + (name,)] = line
            result[key] = self.value(value_node, where + (name,))
        return result

    def tag_error(self, node: yaml.Node) -> ContentError:
        tag = node.tag.replace(_YAML, "!!")
        return self.fail(node, f"YAML tag `{tag}` is not allowed here: use text, numbers, true/false, "
                               "dates, lists and mappings")


def load_yaml_mapping(text: str, path: Path | str, line_offset: int = 0) -> YamlDoc:
    """Parse YAML text that must be a mapping of the schema's types; errors name path and line."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc({}, {}, line_offset + 1)
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(path, node.start_mark.line + 1 + line_offset,
                               "expected a mapping of `key: value` pairs")
        constructor = _Constructor(loader, path, line_offset, "\\" not in text and not has_control_characters(text))
        data = constructor.value(node, ())
    except yaml.MarkedYAMLError as exc:
        raise ContentError(path, *_syntax_error(exc, line_offset)) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, line_offset + 1, f"invalid YAML: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise ContentError(path, line_offset + 1, str(exc) or "invalid YAML") from None
    finally:
        loader.dispose()
    key_lines = {str(where[0]): line for where, line in constructor.lines.items() if len(where) == 1}
    return YamlDoc(data, key_lines, node.start_mark.line + 1 + line_offset, constructor.lines)


def _syntax_error(exc: yaml.MarkedYAMLError, line_offset: int) -> tuple[int, str]:
    """The line a person must fix: where the unclosed bracket or quote opened, when the parser
    only noticed later (PyYAML marks the place it gave up, often the next line)."""
    problem, context = exc.problem_mark, exc.context_mark
    message = f"invalid YAML: {exc.problem or exc.context}"
    if problem is None and context is None:
        return line_offset + 1, message
    if context is not None and (problem is None or context.line < problem.line) and exc.context:
        seen = f"; noticed on line {problem.line + 1 + line_offset}" if problem is not None else ""
        return context.line + 1 + line_offset, f"{message} ({exc.context} that starts here{seen})"
    mark = problem or context
    assert mark is not None  # one of the two is set (checked above)
    return mark.line + 1 + line_offset, message


def decode_utf8(data: bytes, path: Path | str, encoding: str = "utf-8-sig") -> str:
    """UTF-8 text (a BOM is dropped); anything else is an error at the line of the first bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, f"is not valid UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                       "save the file as UTF-8") from None


def read_yaml_file(path: Path) -> YamlDoc:
    """A settings file (site.yaml, entities.yaml, sources.yaml, timeline.yaml, a sidecar): UTF-8
    YAML mapping of the schema's types, every error as `path:line: message`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror or exc}") from None
    return load_yaml_mapping(decode_utf8(data, path), path)


def split_front_matter(text: str, path: Path | str) -> SplitFile:
    """Cut `---` fenced YAML front matter from the top of a Markdown file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ContentError(path, 1, "missing front matter: the file must start with a `---` line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front_text = "\n".join(lines[1:index])
            front = load_yaml_mapping(front_text, path, line_offset=1)
            body = "\n".join(lines[index + 1:])
            return SplitFile(front, body, index + 2)
    raise ContentError(path, 1, "front matter is not closed: no second `---` line")
