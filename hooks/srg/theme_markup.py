"""Accessibility fixes to the theme's own markup, applied to every built page; no MkDocs imports.

Material's search dialog has role="dialog" but no accessible name (axe rule
aria-dialog-name). Each fix matches the theme's markup exactly, so a theme
update that changes it fails the build instead of silently dropping the fix.
"""

from __future__ import annotations

from .errors import SrgError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


class ThemeMarkupChanged(SrgError):
    """The theme's markup no longer matches what a fix expects."""


def name_search_dialog(html: str) -> str:
    if html.count(SEARCH_DIALOG) != 1:
        raise ThemeMarkupChanged(
            f"expected the theme's search dialog {SEARCH_DIALOG!r} once; "
            "the theme changed, so update hooks/srg/theme_fixes.py"
        )
    return html.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG)
