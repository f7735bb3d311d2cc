"""The theme's search plugin is spared the HTML it would only drop (srg.theme_search), and indexes the same.

Each case is read by the plugin's own parser (material/plugins/search/plugin.py)
twice, whole and with the parts `unindexed_spans` finds cut out, and must give
the same sections, titles and texts.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from conftest import Build, article_of
from srg.theme_search import SET_ASIDE, SMALLEST_PART, SearchAsideError, put_back, spare, unindexed_spans

# The plugin's pass over every page's HTML.
PLUGIN_PATTERN = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def indexed(html: str) -> list[tuple[str | None, str, str]]:
    """What the plugin indexes of `html`: each section it keeps, as its id, title and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]


def cut(html: str, spans: list[tuple[int, int]]) -> str:
    kept, last = [], 0
    for number, (start, end) in enumerate(spans):
        kept += [html[last:start], f"<!--srg-aside-{number}-->"]
        last = end
    return "".join([*kept, html[last:]])


LONG = "".join(f'<li><a href="#s{n}">Source {n}</a> <code>x</code></li>\n' for n in range(60))


@pytest.mark.parametrize(
    ("html", "spared"),
    [
        # The sources' list: the body of a section whose heading is marked.
        (f'<h2 id="a">A</h2><p>Kept.</p><h2 data-search-exclude id="b">B</h2>\n<ul>{LONG}</ul>\n<h2 id="c">C</h2>', 1),
        # The model picture: an element marked, inside an indexed section.
        (f'<h2 id="a">A</h2><p>Kept.</p><div data-search-exclude><table><tr><td>{LONG}</td></tr></table></div>', 1),
        # The parser's elements compare by tag: a div closing inside a marked div unskips the rest of it,
        # which the plugin then indexes. Only the part before stays out.
        (f'<h2 id="a">A</h2><div data-search-exclude><ul>{LONG}</ul><div>x</div>Indexed {LONG}</div>', 1),
        # A heading inside a marked element still makes a section; the parts around it are cut, not it.
        (f'<div data-search-exclude><ul>{LONG}</ul><h3 id="in">In</h3><p>{LONG}</p></div><p>After</p>', 2),
        # A heading nested in a wrapper: leaving the wrapper takes the parser back to the section before.
        (f'<h2 id="a">A</h2><div><h3 data-search-exclude id="b">B</h3><ul>{LONG}</ul></div><p>Back in A.</p>', 1),
        # A part that closes an element opened before it is not cut.
        (f'<h2 data-search-exclude id="b">B</h2><ul>{LONG}</ul></section><p>{LONG}</p>', 1),
        # Pages with no part the plugin drops, or parts this reading does not follow.
        (f'<h2 id="a">A</h2><ul>{LONG}</ul>', 0),
        (f'<h2 data-search-exclude id="b">B</h2><script>var a = "<h2 id=x>";</script><ul>{LONG}</ul>', 0),
        (f'<h2 data-search-exclude id="b">B</h2><!DOCTYPE html><ul>{LONG}</ul>', 0),
        (f'<h2 data-search-exclude id="b">B</h2><ul title="a>b">{LONG}</ul>', 1),
        (f'<div class="linenodiv"><pre>{LONG}</pre></div><p>Kept.</p>', 1),
    ],
)
def test_the_parts_cut_out_are_ones_the_plugin_drops(html: str, spared: int) -> None:
    spans = [s for s in unindexed_spans(html) if s[1] - s[0] >= SMALLEST_PART]
    assert len(spans) == spared
    assert indexed(cut(html, spans)) == indexed(html)


_TAGS = ["div", "p", "ul", "li", "span", "a", "h1", "h2", "h3", "table", "td", "pre", "code", "sub", "object"]
_ATTRIBUTES = [' id="x"', " id=y", " data-search-exclude", ' class="linenodiv"', ' title="a>b"', " class=c", "/"]
_LEAVES = ["text", " ", "\n", "<br>", "<img src=x>", "<!-- c -->", "<hr/>", "</p>", "</div>", "</h2>", "<div>", "<li>"]
_LEAVES += ["&amp;", "<div/>", "<h2 id=z/>", "a < b", "<script>x</script>", "<?pi?>", "<!x>", "</ div>"]
_LEAVES += ["<p title='<'>", "<!--->", "<!-- a -- b -->"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            lambda tag, attributes, kids: f"<{tag}{''.join(attributes)}>{''.join(kids)}</{tag}>",
            st.sampled_from(_TAGS),
            st.lists(st.sampled_from(_ATTRIBUTES), max_size=3),
            st.lists(children, max_size=4),
        )

    tree = st.recursive(st.sampled_from(_LEAVES), element, max_leaves=40)
    return "".join(draw(st.lists(tree, max_size=6)))


@given(documents())
def test_whatever_the_html_the_plugin_indexes_the_same_without_the_parts_cut_out(html: str) -> None:
    try:
        whole = indexed(html)
    except ValueError:  # the parser fails on some HTML ('<p data-search-exclude><p></p></p>'): no index to keep
        assume(False)
    spans = unindexed_spans(html)
    assert all(0 <= a < b <= len(html) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert indexed(cut(html, spans)) == whole


def test_a_page_comes_back_whole_after_the_plugins_turn() -> None:
    html = f'<h2 id="a">A</h2><p>Kept.</p><h2 data-search-exclude id="b">B</h2><ul>{LONG}</ul>'
    meta: dict = {}
    given_to_plugin = spare(meta, html)
    assert len(given_to_plugin) < len(html) / 2
    assert indexed(given_to_plugin) == indexed(html)
    assert put_back(meta, PLUGIN_PATTERN.sub("", given_to_plugin), "page.md") == html
    assert SET_ASIDE not in meta


@pytest.mark.parametrize(
    ("meta", "html", "given"),
    [
        ({"search": {"exclude": True}}, '<h2 id="a" data-search-exclude>A</h2><p>Text</p>', "<!--srg-aside-0-->"),
        ({"search": {"exclude": True}}, '<p data-search-note="x">Text</p>', None),  # the plugin takes it out
        ({"search": {"exclude": True}}, '<p data-search-note="">Text</p>', "<!--srg-aside-0-->"),  # needs a value
        ({}, "<p>Text</p>", None),  # indexed, and nothing in it dropped
        ({"search": None}, "<p>Text</p>", None),
        ({"search": {"exclude": False}}, "<p>Text</p>", None),
        ({}, f'<div data-search-exclude data-search-x="v">{LONG}</div>', None),  # the plugin changes the page
        ({}, f"<!--srg-aside-0--><div data-search-exclude>{LONG}</div>", None),  # a place's mark is taken
    ],
)
def test_only_html_the_theme_would_neither_index_nor_change_is_set_aside(
    meta: dict, html: str, given: str | None
) -> None:
    given_to_plugin = spare(meta, html)
    assert given_to_plugin == (html if given is None else given)
    # The plugin's own pattern changes no page that is spared anything.
    if given is not None:
        assert PLUGIN_PATTERN.sub("", html) == html
    assert put_back(meta, PLUGIN_PATTERN.sub("", given_to_plugin), "page.md") == PLUGIN_PATTERN.sub("", html)


def test_a_part_a_plugin_loses_while_set_aside_fails_the_build() -> None:
    meta: dict = {}
    given_to_plugin = spare(meta, f'<h2 id="a">A</h2><div data-search-exclude>{LONG}</div>')
    with pytest.raises(SearchAsideError, match=r"^page\.md: a plugin removed part of the page"):
        put_back(meta, given_to_plugin.replace("<!--srg-aside-0-->", ""), "page.md")


def test_on_every_built_page_the_plugin_indexes_the_same_and_reads_a_fraction_of_the_sources(
    site: Build, pages: list[str]
) -> None:
    read = {}
    for page in pages:
        article = article_of(site.page(page + "index.html"))
        if article is None:
            continue
        spans = [s for s in unindexed_spans(article) if s[1] - s[0] >= SMALLEST_PART]
        assert indexed(cut(article, spans)) == indexed(article), page
        read[page] = 1 - sum(b - a for a, b in spans) / len(article)
    assert read["sources/"] < 0.15, "the sources' list is read by the plugin again"
    assert read[""] < 0.25, "the model picture is read by the plugin again"


def test_the_model_pictures_grid_is_not_a_search_result(site: Build) -> None:
    """Its cells ('Customer C, Shared S: Data on Amazon EC2') link to answers that are results of their own."""
    docs = json.loads(site.page("search/search_index.json"))["docs"]
    texts = " ".join(doc["text"] for doc in docs if not doc["location"].startswith(("customer/", "aws/", "shared/")))
    assert "Data on Amazon EC2" not in texts
    assert "Each column is a service" in texts  # the section's own words stay
