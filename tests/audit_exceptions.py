"""Findings of the audits that come from the theme's own templates, not from this site.

Each is matched by pattern (and, where it is limited to some pages, by page) and
carries the one-line reason it is accepted. A test fails when an exception no
longer matches anything, so the list stays true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Exception_:
    message: re.Pattern[str]
    extract: re.Pattern[str]
    reason: str
    # The pages (site-relative paths of their files) it is accepted on; None: on every page.
    pages: re.Pattern[str] | None = None

    def matches(self, message: str, extract: str, page: str) -> bool:
        return bool(
            self.message.search(message)
            and self.extract.search(extract)
            and (self.pages is None or self.pages.fullmatch(page))
        )


# The Nu HTML Checker (vnu) on the built site.
VNU_THEME_FINDINGS = (
    Exception_(
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" autocomplete="off">'
        ),
        "Material's drawer and search toggles are checkboxes with autocomplete=off, so a browser does not restore "
        "an open drawer or search on Back; browsers honour it, the spec does not list it for checkboxes.",
    ),
    Exception_(
        re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form"),
        re.compile(r'<label class="md-nav__title" for="__toc">'),
        "Material's table of contents has a title that labels the navigation's toggle of the current page; a page "
        "left out of the nav (each service's page, listed on By service) has no such toggle, and the label no target.",
        re.compile(r"services/[a-z0-9-]+/index\.html"),
    ),
)
