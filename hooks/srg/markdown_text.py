"""Text from the data file inside hand-written Markdown (headings, links), escaped to render literally."""

from __future__ import annotations

# Characters that mean something inline to Markdown, its extensions or HTML.
_SPECIAL = '&<>\\`*_[]{}#+!|~^=:$@%"'
_ESCAPES = str.maketrans({char: f"&#{ord(char)};" for char in _SPECIAL})


def escape(text: str) -> str:
    """Text as inline Markdown that renders literally: every special character becomes an entity."""
    return text.translate(_ESCAPES)


def heading(level: int, text: str, anchor: str, *attrs: str) -> str:
    """A Markdown heading with a stable anchor: '## Title { #id .class }'."""
    extra = "".join(f" {a}" for a in attrs)
    return f"{'#' * level} {escape(text)} {{ #{anchor}{extra} }}"
