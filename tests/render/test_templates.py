"""Layouts: cached partials are found by fingerprints and render what an include would."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2

from digest.render.templates import Templates

CONTEXT = {"site": object(), "config": {}, "urls": None, "views": None, "provenance": None}


def layouts(tmp_path: Path) -> Templates:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "card.html").write_text('<a href="{{ root }}{{ article.id }}">{{ article.title }}</a>')
    (tmp_path / "list.html").write_text('{% for article in items %}{{ partial("partials/card.html", article) }};'
                                        '{% endfor %}')
    (tmp_path / "included.html").write_text('{% for article in items %}{% include "partials/card.html" %};{% endfor %}')
    return Templates(tmp_path)


def article(ident: str, title: str, content_hash: str = "h") -> SimpleNamespace:
    return SimpleNamespace(id=ident, title=title, content_hash=content_hash)


def test_a_partial_renders_what_an_include_renders_and_escapes(tmp_path: Path):
    templates = layouts(tmp_path)
    items = [article("a", "<b>A</b>"), article("b", "B & co")]
    for root in ("", "../../"):
        context = dict(CONTEXT, root=root, items=items)
        assert templates.render("list.html", context) == templates.render("included.html", context)
    assert "&lt;b&gt;A&lt;/b&gt;" in templates.render("list.html", dict(CONTEXT, root="", items=items))


def test_a_partial_is_rendered_once_per_article_whatever_the_depth(tmp_path: Path):
    templates = layouts(tmp_path)
    renders = []
    (tmp_path / "partials" / "card.html").write_text('{{ count(article.id) }}<a href="{{ root }}x">{{ article.title }}</a>')
    templates.env.globals["count"] = lambda ident: renders.append(ident) or ""
    items = [article("a", "A"), article("b", "B"), article("a", "A")]
    context = dict(CONTEXT, items=items, root="../")
    first = templates.render("list.html", context)
    templates.render("list.html", dict(context, page_url="another listing"))
    # once per article, and once more for the first article at each depth: the check that the
    # fragment only prints root
    assert sorted(renders) == ["a", "a", "b"]
    assert first == '<a href="../x">A</a>;<a href="../x">B</a>;<a href="../x">A</a>;'
    assert templates.render("list.html", dict(context, root="")) == '<a href="x">A</a>;<a href="x">B</a>;<a href="x">A</a>;'
    assert sorted(renders) == ["a", "a", "a", "b"]  # another depth: only its check


def test_a_partial_that_tests_or_changes_root_is_rendered_per_depth(tmp_path: Path):
    layouts(tmp_path)  # writes list.html and included.html
    items = [article("a", "A"), article("b", "B")]
    for card in ('{% if root %}up {% endif %}{{ article.title }}', '{{ root | length }}{{ article.title }}',
                 '{{ root | upper }}{{ article.title }}'):
        (tmp_path / "partials" / "card.html").write_text(card)
        fresh = Templates(tmp_path)
        for root in ("../", "", "../../", ""):
            context = dict(CONTEXT, root=root, items=items)
            assert fresh.render("list.html", context) == fresh.render("included.html", context), (card, root)


def test_a_partial_is_reused_per_depth_and_renewed_when_the_article_changes(tmp_path: Path):
    templates = layouts(tmp_path)
    one = dict(CONTEXT, root="../", items=[article("a", "Old")])
    assert templates.render("list.html", one) == '<a href="../a">Old</a>;'
    assert templates.render("list.html", dict(one, root="")) == '<a href="a">Old</a>;'
    changed = dict(one, items=[article("a", "New", content_hash="h2")])
    assert templates.render("list.html", changed) == '<a href="../a">New</a>;'
    new_site = dict(one, site=object(), items=[article("a", "Other site")])
    assert templates.render("list.html", new_site) == '<a href="../a">Other site</a>;'


def test_partial_in_loops_renders_what_jinjas_own_call_renders(tmp_path: Path):
    """partial() is called without Jinja's derived context when the loop's variables cannot
    matter to it (none is named like what it reads); whatever the loops, the page is the same as
    with Jinja's own Context.call."""
    templates = layouts(tmp_path)
    (tmp_path / "loops.html").write_text(
        '{% for root in ["x/", "y/"] %}{% for article in items %}{{ partial("partials/card.html", article) }};'
        '{% endfor %}{% endfor %}{% for site in [1] %}{{ partial("partials/card.html", items[0]) }}{% endfor %}'
        '{% for article in items %}{% set root = "z/" %}{{ partial("partials/card.html", article) }}'
        '{{ loop.index }}{% endfor %}{% for a in items %}{{ partial("partials/card.html", a) }}{% endfor %}')
    jinjas = Templates(tmp_path)
    jinjas.env.context_class = jinja2.runtime.Context
    for root in ("../", ""):
        context = dict(CONTEXT, root=root, items=[article("a", "A"), article("b", "B")])
        ours = templates.render("loops.html", context)
        assert ours == jinjas.render("loops.html", context)
        assert ours.startswith(f'<a href="{root}a">A</a>;')


def test_templates_called_through_partial_are_part_of_the_fingerprint(tmp_path: Path):
    templates = layouts(tmp_path)
    assert "partials/card.html" in templates.used_by("list.html")
    before = templates.fingerprint("list.html")
    (tmp_path / "partials" / "card.html").write_text("changed")
    assert Templates(tmp_path).fingerprint("list.html") != before


def test_calls_in_templates_get_what_jinja_gives_them(tmp_path: Path):
    """The short path for plain calls must not skip Jinja's own arguments or answers."""
    import jinja2

    class Greeter:
        @jinja2.pass_context
        def __call__(self, context, name):
            return f"{context['greeting']}, {name}"

        @jinja2.pass_environment
        def shout(self, environment, name):
            return f"{name.upper()} ({environment.autoescape})"

        def plain(self, name):
            return f"plain {name}"

    def stops():
        raise StopIteration

    (tmp_path / "calls.html").write_text(
        "{{ ctx('a') }}|{{ env('b') }}|{{ evalctx() }}|{{ greeter('c') }}|{{ greeter.shout('d') }}|"
        "{{ greeter.plain('<e>') }}|{{ day.isoformat() }}|{{ joined(['f', 'g'], sep='+') }}|"
        "{{ stops() is undefined }}|{% for x in [1] %}{% set inner = 'h' %}{{ ctx2() }}{% endfor %}")
    templates = Templates(tmp_path)
    templates.env.globals.update(
        ctx=jinja2.pass_context(lambda context, name: f"{context['greeting']} {name}"),
        ctx2=jinja2.pass_context(lambda context: context.get("inner", "no loop vars")),
        env=jinja2.pass_environment(lambda environment, name: f"{name}:{type(environment).__name__}"),
        evalctx=jinja2.pass_eval_context(lambda eval_context: f"autoescape {eval_context.autoescape}"),
        greeter=Greeter(), stops=stops, joined=lambda items, sep: sep.join(items))
    import datetime as dt
    html = templates.render("calls.html", {"greeting": "hello", "day": dt.date(2022, 1, 10)})
    assert html == ("hello a|b:Environment|autoescape True|hello, c|D (True)|plain &lt;e&gt;|2022-01-10|f+g|"
                    "True|h")


def test_printed_values_are_escaped_exactly_as_jinja_escapes_them(tmp_path: Path):
    import jinja2
    import markupsafe

    class Html:
        def __html__(self):
            return "<i>own html</i>"

    class Text(str):
        pass

    source = ("{{ a }}|{{ b }}|{{ c }}|{{ d }}|{{ e }}|{{ f|safe }}|{{ g }}|{% set block %}{{ a }}{% endset %}"
              "{{ block }}|{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(a) }}|{{ a ~ b }}|"
              "{% autoescape false %}{{ a }}{% endautoescape %}")
    values = {"a": "<b>&\"'</b>", "b": markupsafe.Markup("<em>kept</em>"), "c": 3, "d": Html(),
              "e": Text("<s>"), "f": "<u>", "g": ["<li>"]}
    (tmp_path / "values.html").write_text(source)
    expected = jinja2.Environment(autoescape=True).from_string(source).render(values)
    assert Templates(tmp_path).render("values.html", values) == expected
    assert "&lt;b&gt;&amp;&#34;&#39;&lt;/b&gt;" in expected and "<b>&\"'</b>" in expected


def test_plain_calls_and_printed_text_take_the_short_paths(tmp_path: Path, monkeypatch):
    """The two speed-ups are in use (a Jinja that renamed its hooks would silently drop them)."""
    import jinja2.runtime

    def refused(*args, **kwargs):
        raise AssertionError("took Jinja's own path")

    (tmp_path / "short.html").write_text("{{ shout(word) }} {{ word.upper() }}")
    templates = Templates(tmp_path)
    templates.env.globals["shout"] = lambda text: text + "!"
    monkeypatch.setattr(jinja2.runtime.Context, "call", refused)
    monkeypatch.setattr(jinja2.runtime, "escape", refused)  # what compiled templates import to print
    assert templates.render("short.html", {"word": "<b>"}) == "&lt;b&gt;! &lt;B&gt;"
