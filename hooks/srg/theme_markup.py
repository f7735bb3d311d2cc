"""Everything the guide relies on in Material for MkDocs's markup, classes and JavaScript; no MkDocs imports.

The one Python module that knows the theme's insides (docs/assets/theme.js is
the one script). What it changes, each measured side by side with the change
undone (benchmarks/theme_changes.py) and kept because a page fell below
Lighthouse 98 without it, or because an audit fails without it:

- Material's search dialog has role="dialog" but no accessible name (axe rule
  aria-dialog-name): it gets one.
- Material's palette code restyles every element of a page several times as
  the page loads: the light and dark switch is handed to docs/assets/theme.js.
- Every generated table comes wrapped as the theme's script would wrap it, with
  a class, so the script leaves it in place instead of taking it out of the
  page and putting it back (docs/assets/guide.css gives it the theme's look).

Each fix matches the theme's markup exactly, so a theme that changes it fails
the build instead of silently dropping the fix; THEME_DEPENDENCES lists every
name of the theme that the guide uses, and tests/test_theme.py finds each in
the installed theme's own files.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .errors import SrgError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
THEME_PALETTE = '<form class="md-header__option" data-md-component="palette">'
GUIDE_PALETTE = '<form class="md-header__option" data-srg-palette>'
TABLE_OPEN = Markup('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="srg-table">')
TABLE_CLOSE = Markup("</table></div></div>")


@dataclass(frozen=True)
class Dependence:
    """One thing of the theme's that the guide uses, as the theme's own files write it."""

    text: str
    what: str
    used_by: str


THEME_DEPENDENCES = (
    Dependence(SEARCH_DIALOG, "the search dialog's markup", "hooks/srg/theme_markup.py (its accessible name)"),
    Dependence(THEME_PALETTE, "the palette switch's form", "hooks/srg/theme_markup.py (hands it to theme.js)"),
    Dependence("md-typeset__scrollwrap", "the class of the wrapper it puts around tables", "TABLE_OPEN"),
    Dependence("md-typeset__table", "the class of the inner wrapper of tables", "TABLE_OPEN"),
    Dependence("table:not([class])", "the tables its script wraps (those without a class)", "TABLE_OPEN"),
    Dependence("document$", "its stream of page loads", "docs/assets/theme.js (srgTheme.onPage)"),
    Dependence("md-nav__link", "the class of its navigation links", "docs/assets/theme.js (navigationLinks)"),
    Dependence("md-search-result__list", "the list of search results", "docs/assets/theme.js (whole-word marks)"),
    Dependence("data-md-highlight", "the attribute of a search result's marks", "docs/assets/theme.js"),
    Dependence("md-search-result__meta", "the line that counts search results", "theme.js (topics when none)"),
    Dependence('data-md-component="search-query"', "the search box", "docs/assets/theme.js (topics when none)"),
    Dependence('id="__config"', "its configuration, with the site's base address", "theme.js (the search index)"),
    Dependence("__md_get", "its reader of saved settings", "docs/assets/theme.js (palette)"),
    Dependence("__md_set", "its writer of saved settings", "docs/assets/theme.js (palette)"),
    Dependence('name="__palette"', "the palette's inputs and saved setting", "docs/assets/theme.js (palette)"),
    Dependence("data-md-color-media", "the palette's media attribute", "docs/assets/theme.js (palette)"),
    Dependence("data-md-color-scheme", "the palette's scheme attribute", "docs/assets/theme.js (palette)"),
    Dependence("data-md-color-primary", "the palette's primary colour attribute", "docs/assets/theme.js (palette)"),
    Dependence("data-md-color-accent", "the palette's accent colour attribute", "docs/assets/theme.js (palette)"),
    Dependence("data-md-color-switching", "the attribute that stops transitions", "docs/assets/theme.js (palette)"),
    Dependence('data-md-component="header"', "the header, whose colour the browser's bar takes", "theme.js"),
    # Documented in Material's reference (Buttons): the guide's templates and scripts use them too.
    Dependence("md-button", "the button class", "templates, overrides/404.html and scripts"),
    Dependence("md-button--primary", "the primary button class", "overrides/404.html"),
)


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


def fix_theme_markup(html: str) -> str:
    return hand_over_palette(name_search_dialog(html))
