"""The theme's search plugin strips its attributes from every page with a slow scan; a fast one, same result.

Material's search plugin removes `data-search-…="…"` attributes from each
page's content with `re.sub(SEARCH_ATTRIBUTE, "", content)`. The pattern
starts with an optional whitespace, so the regex engine tries it at every
character: about half a second at 1,000 entries for nothing, since the
guide's pages carry only the value-less `data-search-exclude`. The same
removal, found by its literal start, gives the same text. No MkDocs imports.
"""

from __future__ import annotations

import re
from typing import Any

# As material/plugins/search/plugin.py writes it (on_page_context).
SEARCH_ATTRIBUTE = r"\s?data-search-\w+=\"[^\"]+\""
_FROM_ITS_NAME = re.compile(SEARCH_ATTRIBUTE.removeprefix(r"\s?"))


def strip_search_attributes(html: str) -> str:
    """`re.sub(SEARCH_ATTRIBUTE, "", html)`, each match found from its literal start."""
    if "data-search-" not in html:
        return html
    kept: list[str] = []
    end = 0
    for match in _FROM_ITS_NAME.finditer(html):
        start = match.start()
        if start > end and html[start - 1].isspace():  # \s? takes one whitespace not in the last match
            start -= 1
        kept.append(html[end:start])
        end = match.end()
    kept.append(html[end:])
    return "".join(kept)


class ThemeSearchRe:
    """The `re` module as the theme's search plugin sees it: that one `sub` goes the fast way."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def sub(pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        if pattern == SEARCH_ATTRIBUTE and repl == "" and not count and not flags:
            return strip_search_attributes(string)
        return re.sub(pattern, repl, string, count=count, flags=flags)
