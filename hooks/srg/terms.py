"""Find all-caps terms that a page uses but the glossary does not define; no MkDocs imports."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

from .model import Term

# An all-caps term: two or more capitals and digits, with at least two capitals
# (EC2, IAM, AWS) or one capital and a digit (S3). Single letters are words.
CAPS_TERM = re.compile(r"(?<![\w&#@./-])(?=[A-Z0-9]*[A-Z][A-Z0-9]*(?:[A-Z]|\d))[A-Z][A-Z0-9]*[A-Z0-9](?![\w@/-])")
# Text in code, pre, script, style, kbd and samp elements is code or machinery, not prose.
# Elements inside a line of text; any other tag separates words.
INLINE = frozenset({"a", "abbr", "b", "em", "i", "mark", "small", "span", "strong", "sub", "sup"})


_SKIPPED_BLOCK = re.compile(r"<(code|pre|script|style|kbd|samp)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--.*?-->", re.S)


def _tag_gap(match: re.Match[str]) -> str:
    return "" if match[2] and match[2].lower() in INLINE else " "


def prose_text(html: str) -> str:
    """The text of `html` a reader sees as prose: no tags, attributes, comments or code."""
    return unescape(_TAG.sub(_tag_gap, _SKIPPED_BLOCK.sub(" ", html)))


def undefined_terms(html: str, glossary: tuple[Term, ...]) -> Counter[str]:
    """All-caps terms in the prose of `html` that no glossary term defines, with their counts."""
    defined = {term.term for term in glossary}
    return Counter(term for term in CAPS_TERM.findall(prose_text(html)) if term not in defined)


# Elements a keyboard user already reaches: an abbreviation inside one gets no focus of its own.
_FOCUS_TAGS = re.compile(r"<(/?)(a|abbr|button|summary|label)\b([^>]*)>")


def focusable_first_uses(html: str) -> str:
    """Give the first use of each abbreviation on a page keyboard focus, so its tooltip opens on focus too.

    Only the first use of a term, and only outside links, buttons and summaries
    (a focusable element inside another is a trap for screen readers).
    """
    seen: set[str] = set()
    inside = 0
    out: list[str] = []
    last = 0
    for match in _FOCUS_TAGS.finditer(html):
        closing, name, attrs = match.groups()
        if name != "abbr":
            inside = max(0, inside - 1) if closing else inside + 1
            continue
        if closing or inside:
            continue
        end = html.find("</abbr>", match.end())
        term = html[match.end() : end]
        if end < 0 or term in seen or "tabindex" in attrs:
            continue
        seen.add(term)
        out.append(html[last : match.start()])
        out.append(f'<abbr tabindex="0"{attrs}>')
        last = match.end()
    out.append(html[last:])
    return "".join(out)
