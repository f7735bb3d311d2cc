"""Find all-caps terms that a page uses but the glossary does not define; no MkDocs imports."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from html import unescape
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .html import template
from .model import Term

if TYPE_CHECKING:
    from jinja2 import Template

# An all-caps term: a capital, then one or more capitals and digits (EC2, IAM, AWS, S3), not
# inside a word, an address or a number. Single letters are words. The pattern starts with the
# capital and checks the character before it afterwards, so the regex engine skips straight to
# capitals (three times faster than a leading look-behind on the 1,000-entry site).
# What may not come right before a term or an all-caps word (it would be part of a longer word,
# entity or address), and what may not come right after one.
_BEFORE = r"[\w&#@./-]"
_AFTER = r"(?![\w@/-]|\.\d)"
CAPS_TERM = re.compile(rf"[A-Z](?<!{_BEFORE}[A-Z])[A-Z0-9]*[A-Z0-9]{_AFTER}")
# Text in code, pre, script, style, kbd and samp elements is code or machinery, not prose.
# Elements inside a line of text; any other tag separates words.
INLINE = frozenset({"a", "abbr", "b", "em", "i", "mark", "small", "span", "strong", "sub", "sup"})


_SKIPPED_BLOCK = re.compile(r"<(code|pre|script|style|kbd|samp)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--.*?-->", re.S)


# The look-ahead on the first letter spares the engine most tags before it tries each name.
_INITIALS = "".join(sorted({name[0] for name in INLINE}))
_INLINE_TAG = re.compile(rf"<(?=/?[{_INITIALS}])/?(?:{'|'.join(sorted(INLINE))})\b[^>]*>", re.I)


def prose_text(html: str) -> str:
    """The text of `html` a reader sees as prose: no tags, attributes, comments or code."""
    return unescape(_TAG.sub(" ", _INLINE_TAG.sub("", _SKIPPED_BLOCK.sub(" ", html))))


def undefined_terms(html: str, glossary: list[Term]) -> Counter[str]:
    """All-caps terms in the prose of `html` that no glossary term defines, with their counts."""
    defined = {term.term for term in glossary}
    return Counter(term for term in CAPS_TERM.findall(prose_text(html)) if term not in defined)


# -- abbreviations: a tooltip on the first use of a term in each section ----------------------

# Pieces of a page's Markdown (with its generated HTML) that are never prose.
_PROTECTED = re.compile(
    r"(?P<block><!--srg-html-->.*?<!--/srg-html-->)"
    r"|(?P<fence>^```.*?^```[ \t]*$)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<heading>^[ ]{0,3}(?:#{1,6}[ \t]|!!!|\?\?\?)[^\n]*$)"
    r"|(?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<https?:[^>]*>)"
    r"|(?P<code>`+[^`]*`+)"
    r"|(?P<link>\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<dest>\]\([^)]*\))"
    r"|(?P<attrlist>\{[ \t]*[#.:][^}\n]*\})"
    r"|(?P<entity>&#?\w+;)",
    re.M | re.S,
)
# Elements whose text is a title, a label, code or a control: terms there stay plain.
_NO_TERMS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "abbr",
        "button",
        "summary",
        "code",
        "pre",
        "script",
        "style",
        "title",
        "dt",
        "thead",
        "label",
        "select",
        "option",
    }
)
_NO_TERMS_CLASS = re.compile(
    r"""class=["'][^"']*\b(srg-owner|srg-split__service|srg-owners__who|srg-picture__label)\b"""
)
_SECTION_TAG = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr"})


def abbreviate(markdown: str, glossary: list[Term], on_page: set[str] | None = None) -> str:
    """Wrap the first use of each glossary term in each section in an <abbr>; the page's first use is focusable.

    Headings, titles, links, buttons, badges and code keep their terms plain.
    A section starts at every heading, in Markdown or in HTML. Generated HTML
    blocks are left alone: their templates mark their own text (TermMarker),
    sharing `on_page`, the terms the page has already used.
    """
    terms, first, again = _compiled(_key(glossary), template("abbr.html"))
    on_page = set() if on_page is None else on_page
    in_section: set[str] = set()
    skipping: list[str] = []
    out: list[str] = []
    last = 0

    def prose(text: str) -> str:
        if skipping:
            return text

        def wrap(match: re.Match[str]) -> str:
            term = match[0]
            if _inside_word(match) or term in in_section:
                return term
            in_section.add(term)
            markup = again[term] if term in on_page else first[term]
            on_page.add(term)
            return markup

        return terms.sub(wrap, text)

    for match in _PROTECTED.finditer(markdown):
        out.append(prose(markdown[last : match.start()]))
        out.append(match[0])
        last = match.end()
        if match["heading"]:
            in_section.clear()
        elif match["name"]:
            _track(match, skipping, in_section)
    out.append(prose(markdown[last:]))
    return "".join(out)


def _key(glossary: list[Term]) -> tuple[tuple[str, str], ...]:
    return tuple((t.term, t.expansion) for t in glossary)


_NOT_BEFORE = re.compile(_BEFORE)


def _inside_word(match: re.Match[str]) -> bool:
    """Whether a match of the terms' pattern is part of something longer ('DB' in 'DynamoDB').

    Every later start inside that something is too, so leaving the match as it
    is finds what a look-behind in the pattern would have found.
    """
    return match.start() > 0 and _NOT_BEFORE.match(match.string, match.start() - 1) is not None


@cache
def _compiled(
    glossary: tuple[tuple[str, str], ...], abbr: Template
) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """The terms' pattern, and each term's markup as a first use on the page and as a later one."""
    # The terms come first, so the regex engine skips to their first letters; what may not come
    # before a term (_NOT_BEFORE) is checked on each match instead of at every character.
    pattern = re.compile(rf"(?:{_trie([term for term, _ in glossary])}){_AFTER}")
    first = {t: abbr.render(term=t, expansion=e, focusable=True).strip() for t, e in glossary}
    again = {t: abbr.render(term=t, expansion=e, focusable=False).strip() for t, e in glossary}
    return pattern, first, again


def _trie(words: list[str]) -> str:
    """A pattern matching exactly `words`, longest first, with each shared beginning written once.

    ("DB|DDoS|DNS" becomes "D(?:B|DoS|NS)".) Python's regex engine tries the
    branches of an alternation one by one; written as a tree, it follows one
    letter at a time, and marking the terms of the 1,000-entry site takes less
    than half the time. The longer of two words that begin alike is tried first
    ("HTTPS?"), as it was in the longest-first list this replaces.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def written(node: dict[str, dict]) -> str:
        branches = [re.escape(letter) + written(rest) for letter, rest in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" not in node:
            return body
        return f"{body}?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"

    return written(tree)


class TermMarker:
    """Text from the data, escaped, with the first use of each term in one section as an <abbr>.

    A template gets one per section (`mark(entry.summary)`); `on_page` is
    shared by every section of the page, so only the page's first use of a
    term takes keyboard focus.
    """

    def __init__(self, glossary: list[Term], on_page: set[str]) -> None:
        self._pattern, self._first, self._again = _compiled(_key(glossary), template("abbr.html"))
        self._on_page = on_page
        self._in_section: set[str] = set()

    def __call__(self, text: str) -> Markup:
        return Markup(self._pattern.sub(self._wrap, str(escape(text))))

    def _wrap(self, match: re.Match[str]) -> str:
        term = match[0]
        if _inside_word(match) or term in self._in_section:
            return term
        self._in_section.add(term)
        markup = self._again[term] if term in self._on_page else self._first[term]
        self._on_page.add(term)
        return markup


def _track(tag: re.Match[str], skipping: list[str], in_section: set[str]) -> None:
    name = tag["name"].lower()
    closing = tag[0].startswith("</")
    if name in _SECTION_TAG and not closing:
        in_section.clear()
    if name in _VOID or tag[0].endswith("/>"):
        return
    if skipping:
        if name == skipping[0]:
            if closing:
                skipping.pop()
            else:
                skipping.append(name)
        return
    if not closing and (name in _NO_TERMS or _NO_TERMS_CLASS.search(tag["attrs"] or "")):
        skipping.append(name)
