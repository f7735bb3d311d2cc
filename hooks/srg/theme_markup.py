"""Fixes to the theme's own markup, applied to every built page; no MkDocs imports.

- Material's search dialog has role="dialog" but no accessible name (axe rule
  aria-dialog-name): it gets one.
- Material's palette code restyles every element of a page several times as
  the page loads (see docs/assets/palette.js): the light and dark switch is
  handed to the guide's own script instead.
- Material's bundle is a script the parser stops for at the end of the body.
  Run there, it lays out the whole page before the text can be painted (it
  reads the scroll position): deferred, it runs once the page is parsed, still
  before DOMContentLoaded, where the theme starts its components, and still
  before the guide's own deferred scripts, which use it.

Each fix matches the theme's markup exactly, so a theme update that changes it
fails the build instead of silently dropping the fix.
"""

from __future__ import annotations

import re

from .errors import SrgError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
THEME_PALETTE = '<form class="md-header__option" data-md-component="palette">'
GUIDE_PALETTE = '<form class="md-header__option" data-srg-palette>'
THEME_BUNDLE = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


class ThemeMarkupChanged(SrgError):
    """The theme's markup no longer matches what a fix expects."""


def _replace_once(html: str, theirs: str, ours: str, what: str) -> str:
    if html.count(theirs) != 1:
        raise ThemeMarkupChanged(
            f"expected the theme's {what} {theirs!r} once; the theme changed, so update hooks/srg/theme_markup.py"
        )
    return html.replace(theirs, ours)


def name_search_dialog(html: str) -> str:
    return _replace_once(html, SEARCH_DIALOG, NAMED_SEARCH_DIALOG, "search dialog")


def hand_over_palette(html: str) -> str:
    return _replace_once(html, THEME_PALETTE, GUIDE_PALETTE, "palette switch")


def defer_theme_bundle(html: str) -> str:
    deferred, count = THEME_BUNDLE.subn(r'<script src="\g<src>" defer></script>', html)
    if count != 1:
        raise ThemeMarkupChanged(
            f"expected the theme's bundle script ({THEME_BUNDLE.pattern}) once, found {count}; "
            "the theme changed, so update hooks/srg/theme_markup.py"
        )
    return deferred


def fix_theme_markup(html: str) -> str:
    return defer_theme_bundle(hand_over_palette(name_search_dialog(html)))
