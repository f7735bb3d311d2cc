"""Findings of the audits that come from the theme's own templates, not from this site.

Each is matched by pattern and carries the one-line reason it is accepted. A
test fails when an exception no longer matches anything, so the list stays true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Exception_:
    message: re.Pattern[str]
    extract: re.Pattern[str]
    reason: str


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
)
