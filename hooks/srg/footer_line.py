"""The footer's line (mkdocs.yml's copyright) with the page it names made a link to that page; no MkDocs imports.

The theme prints the copyright as written, on every page; it cannot say where a
page is. The build finds the line in each finished page and links the name of
the page it mentions, relative to the page it is on.
"""

from __future__ import annotations

from markupsafe import Markup

from .errors import PipelineError

LINK = Markup('<a href="{href}">{name}</a>')


def link_named_page(html: str, line: str, name: str, href: str, where: str) -> str:
    """`html` with the one footer `line` in it linking `name` (a page's title in that line) to `href`."""
    if line.count(name) != 1:
        raise PipelineError(f"mkdocs.yml: copyright must name {name!r} once, which the footer links (got {line!r})")
    if html.count(line) != 1:
        raise PipelineError(f"{where}: expected the footer's line {line!r} once; has the theme stopped printing it?")
    return html.replace(line, line.replace(name, LINK.format(href=href, name=name)))
