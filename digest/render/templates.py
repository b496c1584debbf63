"""The only Jinja setup: autoescape on, StrictUndefined, templates from layouts/."""
from __future__ import annotations

import datetime as dt
import hashlib
import types
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.bccache
import jinja2.compiler
import markupsafe
from jinja2 import meta, nodes

from digest.errors import TemplateError


# A digest shows few distinct days, each on thousands of pages: strftime once per day.
@lru_cache(maxsize=4096)
def _long_date(value: dt.date) -> str:
    return f"{value.strftime('%A')}, {value.day} {value.strftime('%B %Y')}"


@lru_cache(maxsize=4096)
def _short_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%b %Y')}"


class _CompiledInMemory(jinja2.BytecodeCache):
    """Compiled templates kept in this process only, keyed by template name and source. Never on
    disk: Jinja's file cache is pickle and marshal, and code read back from a file is code anyone
    who could write that file planted (one flipped bit crashed the build).

    The same source in another folder (a copied project, a test's) reuses the code, with the
    file name in it rewritten: errors and tracebacks name the template actually rendered.
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, types.CodeType]] = {}  # name -> (source checksum, code)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        bucket = _Bucket(environment, name, self.get_source_checksum(source), filename)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is None or found[0] != bucket.checksum:
            return
        code, filename = found[1], getattr(bucket, "filename", None)
        bucket.code = code if filename in (None, code.co_filename) else _with_filename(code, filename)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """One version per name (an edited layout replaces the old code: a long preview session
        keeps no more than its layouts)."""
        if isinstance(bucket.code, types.CodeType) and bucket.checksum is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)


class _Bucket(jinja2.bccache.Bucket):
    """A bucket that knows the file its template was read from."""

    def __init__(self, environment: jinja2.Environment, key: str, checksum: str, filename: str | None):
        super().__init__(environment, key, checksum)
        self.filename = filename


def _with_filename(code: types.CodeType, filename: str) -> types.CodeType:
    """The code object and those nested in it (blocks, macros) as if compiled from `filename`."""
    consts = tuple(_with_filename(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


# One for the process: each build makes new Templates, and a preview rebuild compiles only the
# templates that changed since the last one (forked render workers inherit what is here).
_COMPILED = _CompiledInMemory()


_PYTHON_CALLABLES = (types.FunctionType, types.MethodType)
_BUILTIN_CALLABLES = (types.BuiltinFunctionType,)  # builtin functions and methods: no attributes of their own


class _Context(jinja2.runtime.Context):
    """Jinja's context with a shorter way to call what templates call most.

    A `pass_context` function that reads only some names of the context says which in its
    `digest_context_reads`; inside loops it then gets the page's context, not one derived per call
    with the loop's variables, unless a loop or block variable has one of those names.

    Every call in a template (`urls.tag(tag)`, `article.date.isoformat()`) goes through
    `Context.call`, which looks twice for a `pass_context`-style marker: ~60 calls an article
    page, ~0.9 million at 10,000 articles, each costing several times the call itself. A plain
    function or method without the marker, or a builtin (which cannot carry one), is called
    directly here, exactly as Jinja would call it; anything else goes the usual way.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        kind = type(__obj)
        if kind in _BUILTIN_CALLABLES or (kind in _PYTHON_CALLABLES
                                          and getattr(__obj, "jinja_pass_arg", None) is None):
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # Jinja's own answer
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception")
        reads = getattr(__obj, "digest_context_reads", None)  # e.g. partial(): ~110,000 calls, one per card
        if reads is not None:
            loop_vars, block_vars = kwargs.pop("_loop_vars", None), kwargs.pop("_block_vars", None)
            if not (loop_vars and not loop_vars.keys().isdisjoint(reads)
                    or block_vars and not block_vars.keys().isdisjoint(reads)):
                # Jinja would pass a context derived with the loop's variables; the function reads
                # only `reads` of it, and no loop or block variable hides one of those here
                return __obj(__self, *args, **kwargs)
            kwargs.update(_loop_vars=loop_vars or {}, _block_vars=block_vars or {})
        return super().call(__obj, *args, **kwargs)


try:
    from markupsafe import _escape_inner  # what markupsafe.escape escapes a str with
except ImportError:  # another markupsafe: the public escape, the same text
    _escape_inner = markupsafe.escape


def _output_escape(value) -> str:
    """What `{{ value }}` prints when autoescaping: markupsafe.escape's text. A plain str is
    escaped without being wrapped in a Markup first (it is joined into the page at once); that
    wrapping was a third of the cost of printing a value, ~1.8 million values at 10,000 articles."""
    if type(value) is str:
        return _escape_inner(value)
    return markupsafe.escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, printing values through `_output_escape` instead of `escape`.
    Only the name of the function called changes; where autoescape is decided at run time
    (volatile), or off, Jinja's own code is written."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.digest_output_escape(")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)


class Templates:
    """Loads, renders and fingerprints the layouts in one folder."""

    def __init__(self, layouts_dir: Path):
        self.layouts_dir = layouts_dir
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(layouts_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_COMPILED,
            auto_reload=False,  # a Templates lives for one build; the next build makes a new one
        )
        self.env.context_class = _Context
        self.env.code_generator_class = _CodeGenerator
        self.env.digest_output_escape = _output_escape  # type: ignore[attr-defined]
        self.env.filters["longdate"] = _long_date
        self.env.filters["shortdate"] = _short_date
        self.env.filters["isodate"] = lambda d: d.isoformat()
        self.env.globals["partial"] = partial
        self.env.digest_partials = _PartialCache()  # type: ignore[attr-defined]

    def names(self) -> list[str]:
        return sorted(self.env.list_templates(extensions=["html", "xml", "txt", "js"]))

    def exists(self, name: str) -> bool:
        return (self.layouts_dir / name).is_file()

    def render(self, name: str, context: dict) -> str:
        """Render a template; any Jinja failure becomes a TemplateError with file and line."""
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            path = self.layouts_dir / (exc.name or name)
            raise TemplateError(path, exc.lineno, exc.message or "syntax error") from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(self.layouts_dir / name, None, f"template not found: {exc.name}") from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(*_template_location(self.layouts_dir, name, exc), str(exc)) from None

    def used_by(self, name: str) -> list[str]:
        """The template and every template it extends or includes, recursively."""
        return list(_referenced(self.layouts_dir, name))

    def fingerprint(self, name: str) -> str:
        """Changes when the template or anything it pulls in changes (read once per instance)."""
        memo = self.__dict__.setdefault("_fingerprints", {})
        if name not in memo:
            memo[name] = self._fingerprint(name)
        return memo[name]

    def _fingerprint(self, name: str) -> str:
        digest = hashlib.sha256()
        for used in sorted(self.used_by(name)):
            digest.update(used.encode())
            digest.update((self.layouts_dir / used).read_bytes())
        return digest.hexdigest()[:16]


# What a cached partial may see: the article it shows, the site and the page's depth.
PARTIAL_CONTEXT = ("root", "site", "config", "urls", "views", "provenance")

# Printed where a cached fragment prints `root`, then replaced by each page's own root: a card
# is rendered once per article, not once per article and depth (characters of Unicode's private
# use area, which no escaping changes and no article text has reason to hold).
ROOT_MARK = "\ue000root\ue001"


class _PartialCache:
    def __init__(self) -> None:
        self.site: object = None
        self.marked: dict[tuple, str] = {}      # (name, id, hash) -> html with ROOT_MARK for root
        self.by_root: dict[tuple, str] = {}     # (name, id, hash, root) -> html, for fragments
        self.relocatable: dict[tuple, bool] = {}  # (name, root) -> may the marked html be used?


@jinja2.pass_context
def partial(context, name: str, article) -> markupsafe.Markup:
    """`{{ partial("partials/card.html", article) }}`: a fragment about one article, rendered once
    per article and then reused by every listing that shows it (like Hugo's partialCached). It
    sees only the article, the site and `root`, so reuse cannot show anything stale: a fragment
    that uses anything else fails with an undefined error.

    A fragment that only prints `root` (links) is rendered once with ROOT_MARK and the mark is
    replaced per page. Whether that holds is checked, not assumed: the first time a fragment is
    used at a depth it is also rendered there for real, and a fragment whose output differs (one
    that tests or transforms `root`) is rendered once per article and depth instead.

    The cache hangs on the Jinja environment (no reference cycle back to Templates).
    """
    cache = context.environment.digest_partials
    site = context["site"]
    if site is not cache.site:  # a new site (a rebuild): nothing carries over
        cache.site, cache.marked, cache.by_root, cache.relocatable = site, {}, {}, {}
    key, root = (name, article.id, article.content_hash), context["root"]
    relocatable = cache.relocatable.get((name, root))
    if relocatable:
        html = cache.marked.get(key)
        if html is None:
            html = cache.marked[key] = _render_partial(context, name, article, ROOT_MARK)
        return markupsafe.Markup(html.replace(ROOT_MARK, root))
    if relocatable is None:
        real = _render_partial(context, name, article, root)
        html = cache.marked.get(key)
        if html is None:
            html = cache.marked[key] = _render_partial(context, name, article, ROOT_MARK)
        relocatable = cache.relocatable[name, root] = html.replace(ROOT_MARK, root) == real
        if not relocatable:
            cache.by_root[key + (root,)] = real
        return markupsafe.Markup(real)
    html = cache.by_root.get(key + (root,))
    if html is None:
        html = cache.by_root[key + (root,)] = _render_partial(context, name, article, root)
    return markupsafe.Markup(html)


partial.digest_context_reads = frozenset(PARTIAL_CONTEXT)  # type: ignore[attr-defined] # see _Context.call


def _render_partial(context, name: str, article, root: str) -> str:
    values = {k: context[k] for k in PARTIAL_CONTEXT}
    values["root"] = root
    return context.environment.get_template(name).render(values, article=article)


def _template_location(layouts_dir: Path, name: str, exc: Exception) -> tuple[Path, int | None]:
    """Find the innermost template frame of a render-time error."""
    tb = exc.__traceback__
    where: tuple[Path, int | None] = (layouts_dir / name, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(str(layouts_dir)):
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            line = template.get_corresponding_lineno(tb.tb_lineno) if template else tb.tb_lineno
            where = (Path(filename), line)
        tb = tb.tb_next
    return where


def _parse_refs(path: Path) -> tuple[str, ...]:
    """The templates a layout file extends, includes, imports or renders with partial()."""
    try:
        return _refs_in_source(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ()


@lru_cache(maxsize=256)
def _refs_in_source(source: str) -> tuple[str, ...]:
    """Keyed by the text itself: a copy of the same layouts (another project, a test's) is parsed once."""
    env = jinja2.Environment()
    try:
        ast = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return ()
    partials = (call.args[0].value for call in ast.find_all(nodes.Call)
                if isinstance(call.node, nodes.Name) and call.node.name == "partial"
                and call.args and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str))
    return tuple(r for r in meta.find_referenced_templates(ast) if r) + tuple(partials)


def _referenced(layouts_dir: Path, name: str, seen: set[str] | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if name in seen:
        return seen
    path = layouts_dir / name
    seen.add(name)
    if path.is_file():
        for ref in _parse_refs(path):
            _referenced(layouts_dir, ref, seen)
    return seen
