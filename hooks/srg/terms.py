"""Find all-caps terms that a page uses but the glossary does not define; no MkDocs imports."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from .model import Term

# An all-caps term: two or more capitals and digits, with at least two capitals
# (EC2, IAM, AWS) or one capital and a digit (S3). Single letters are words.
CAPS_TERM = re.compile(r"(?<![\w&#@./-])(?=[A-Z0-9]*[A-Z][A-Z0-9]*(?:[A-Z]|\d))[A-Z][A-Z0-9]*[A-Z0-9](?![\w@/-])")
# Text in these elements is code or machinery, not prose.
SKIPPED = frozenset({"code", "pre", "script", "style", "kbd", "samp"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def prose_text(html: str) -> str:
    """The text of `html` a reader sees as prose: no tags, attributes or code."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def undefined_terms(html: str, glossary: tuple[Term, ...]) -> Counter[str]:
    """All-caps terms in the prose of `html` that no glossary term defines, with their counts."""
    defined = {term.term for term in glossary}
    return Counter(term for term in CAPS_TERM.findall(prose_text(html)) if term not in defined)
