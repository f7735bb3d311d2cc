"""What the theme's search plugin is given of each page: only the HTML it would index; no MkDocs imports.

The theme's search plugin (material/plugins/search/plugin.py) reads every page it
indexes with Python's HTMLParser, at a cost that grows with the page's length,
then runs one pattern over it to take out `data-search-*="…"` attributes. Much
of what it reads it drops: a page marked `search: exclude: true` (the generated
pages: srg.search indexes them from the data), an element marked
`data-search-exclude` (the grid of the home page's model picture) and the body
of a section whose heading is (the list of sources). `spare` sets those parts
aside before the plugin's turn (hooks/search_skip.py) and `put_back` restores
them right after it (hooks/search_index.py): the plugin reads the rest and
writes the same index, and the page's HTML is the same as before.

A part is set aside only where the plugin's parser, followed here as it goes
(the elements open, the tags it skips, the sections it has made), writes nothing
while reading it and is in the same state after it as before. Anything this
reading does not follow as the parser does (a script or style element, a
declaration, a malformed tag) ends the search for parts on that page.
"""

from __future__ import annotations

import re

from .errors import SrgError

# The page's meta key under which the parts set aside wait while the plugin has its turn.
SET_ASIDE = "srg_set_aside"
# What the plugin's pass over every page's HTML takes out: any match of its pattern,
# `\s?data-search-\w+="[^"]+"`, holds one of this, and any of this is in one of its.
_TAKEN_OUT = re.compile(r'data-search-\w+="[^"]+"')
# Where a part waits; the parser ignores a comment, and the plugin's pattern does not reach into one.
_PLACE = "<!--srg-aside-{}-->"
_PLACES = re.compile(r"<!--srg-aside-(\d+)-->")
# Shorter parts cost more to cut and restore than they save.
SMALLEST_PART = 1024

# What the parser does with tags (material/plugins/search/plugin.py: Parser, void).
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NEVER_UNSKIPPED = frozenset({"object", "script", "style"})
# Python's HTMLParser's reading of tags and attributes (html/parser.py: tagfind_tolerant, attrfind_tolerant);
# a comment that closes only at "-->" and holds no other "--" reads alike in every version of it.
_TOKEN = re.compile(
    r"<!--(?!-?>)(?:(?!--).)*-->"
    r"|<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>"
    r"|<[!?/]",
    re.S,
)
_ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")
_LEADING = re.compile(r"(?:\s|/(?!>))*")
# Attributes that every reading takes alike: names, and values in double quotes, each after a space.
_PLAIN = re.compile(r'(?:\s+[a-zA-Z][-\w:.]*(?:="[^"]*")?)*\s*/?')
_NO_ATTRIBUTES: dict[str, str | None] = {}
_RAW_TEXT = frozenset({"script", "style"})


class SearchAsideError(SrgError):
    """A part of a page set aside for the theme's search plugin did not come back."""


def spare(meta: dict, html: str) -> str:
    """The HTML the theme's search plugin is given of a page: all but the parts it would drop, each kept in
    `meta` and replaced by a comment. The whole page, if the plugin does not index it."""
    if _TAKEN_OUT.search(html) or "<!--srg-aside-" in html:  # the plugin changes the page: it reads it all
        return html
    if (meta.get("search") or {}).get("exclude"):
        spans = [(0, len(html))] if html else []
    else:
        spans = [span for span in unindexed_spans(html) if span[1] - span[0] >= SMALLEST_PART]
    if not spans:
        return html
    meta[SET_ASIDE] = [html[start:end] for start, end in spans]
    kept, last = [], 0
    for number, (start, end) in enumerate(spans):
        kept += [html[last:start], _PLACE.format(number)]
        last = end
    kept.append(html[last:])
    return "".join(kept)


def put_back(meta: dict, html: str, page: str) -> str:
    """The page's HTML with the parts `spare` set aside back in their places."""
    parts = meta.pop(SET_ASIDE, None)
    if parts is None:
        return html
    restored, found = _PLACES.subn(lambda place: parts[int(place[1])], html)
    if found != len(parts):
        raise SearchAsideError(f"{page}: a plugin removed part of the page while the theme's search indexed it")
    return restored


def unindexed_spans(html: str) -> list[tuple[int, int]]:
    """The spans of `html` the plugin's parser reads without writing to the index or changing its state.

    Each begins where the parser is inside a skipped element or in an excluded section
    and ends where it is back in the state it was in there, with no section made or
    left, no element closed that was open before, and no tag skipped or unskipped
    between; of such spans, the longest from each beginning.
    """
    context: list[str] = []  # the tags of the open elements
    skip = set(_NEVER_UNSKIPPED)  # the parser's skip set: its elements compare by tag
    skipping = 0  # how many open elements have a skipped tag: the parser writes nothing while any does
    sections: list[float] = []  # each section's depth (infinite once left)
    current: int | None = None  # the current section's place in `sections`
    excluded: set[int] = set()  # the sections whose heading is marked data-search-exclude
    turns = skip_turns = 0  # counts of changes to the sections and to the skip set
    spans: list[tuple[int, int]] = []
    start: int | None = None  # where the span being read began, and the state there
    start_depth = start_turns = start_skip_turns = 0
    end = 0  # where the parser was last back in that state
    last = 0  # where the last token ended, while no section exists

    for token in _TOKEN.finditer(html):
        slash, name, body = token.groups()
        if current is None:
            if token.start() > last:  # text before any section: the parser makes one
                sections.append(0)
                current, turns = len(sections) - 1, turns + 1
            last = token.end()
        if name is None:
            if len(token[0]) > 2:  # a comment
                continue
            break  # a declaration, a processing instruction or an odd end tag: not followed here
        tag = name.lower()
        if slash:
            if body and not body.isspace():
                break
            attributes, closes = _NO_ATTRIBUTES, True
        elif tag in _HEADINGS or "data-search-exclude" in body or "linenodiv" in body or not _PLAIN.fullmatch(body):
            attributes, closes = _start_tag(token[0], len(name) + 1)
            if attributes is None or tag in _RAW_TEXT:
                break  # not read here as the parser reads it
        elif tag in _RAW_TEXT:
            break
        else:  # plain attributes, none the parser looks at
            attributes, closes = _NO_ATTRIBUTES, body.endswith("/")
        if tag in _HEADINGS and start is not None:
            if end > start:
                spans.append((start, end))
            start = None
        if not slash:
            if tag in _VOID:
                continue
            context.append(tag)
            if tag in skip:
                skipping += 1
            if attributes:
                if tag in _HEADINGS and "id" in attributes:
                    if tag != "h1" and not sections:
                        sections.append(len(context))
                    sections.append(len(context))
                    current, turns = len(sections) - 1, turns + 1
                    if "data-search-exclude" in attributes:
                        excluded.add(current)
                if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
                    if tag not in skip:
                        skip.add(tag)
                        skipping += context.count(tag)
                    skip_turns += 1
            if current is None:
                sections.append(0)
                current, turns = len(sections) - 1, turns + 1
        if closes and context and context[-1] == tag:  # an end tag, or a self-closing tag's end
            if sections[current] > len(context):  # type: ignore[index]  # the parser leaves the section
                enclosing = [n for n, depth in enumerate(sections) if depth <= len(context)]
                if enclosing:
                    sections[current] = float("inf")  # type: ignore[index]
                    current, turns = enclosing[-1], turns + 1
            context.pop()
            if tag in skip:
                skipping -= 1
                if tag not in _NEVER_UNSKIPPED:
                    skip.discard(tag)
                    skipping -= context.count(tag)
                    skip_turns += 1
        if start is not None:
            if len(context) < start_depth or turns != start_turns or skip_turns != start_skip_turns:
                if end > start:
                    spans.append((start, end))
                start = None
            elif len(context) == start_depth:
                end = token.end()
        if start is None and (skipping or current in excluded):
            start = end = token.end()
            start_depth, start_turns, start_skip_turns = len(context), turns, skip_turns
    if start is not None and end > start:
        spans.append((start, end))
    return spans


def _start_tag(text: str, position: int) -> tuple[dict[str, str | None] | None, bool]:
    """A start tag's attributes as the parser reads them (names in lower case, the last of a name kept) and
    whether it closes itself ('<x/>'), from `text`, the whole tag, and `position`, the end of its name.
    The attributes are None where the parser's reading of the tag and this one could differ."""
    attributes: dict[str, str | None] = {}
    position = _LEADING.match(text, position).end()  # type: ignore[union-attr]
    while position < len(text):
        found = _ATTRIBUTE.match(text, position)
        if not found or found.end() == position:
            break
        value = found[3]
        if value and len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        attributes[found[1].lower()] = value
        position = found.end()
    rest = text[position:].strip()
    return (attributes if rest in (">", "/>") else None), rest == "/>"
