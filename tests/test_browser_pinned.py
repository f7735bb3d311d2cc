"""Pinned services (docs/assets/pinned-services.js), in a real Chromium: the address's choice on every
page with a row per service, the other services folded and opened by keyboard, a note on ids that are no
service, the choice kept across pages, by Copy link and by share addresses, every row without JavaScript, and
the pinned rows on the first screen after a link or a search at desktop and phone sizes."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote_plus

import pytest

from browser import LAY_OUT_ALL, after_paint
from conftest import PAGE_OF_RULE
from srg.model import Catalog, Responsibility

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
STORAGE_KEY = "srg-pinned-services"

# The ids of the services of the rows (or elements) a selector finds that a reader sees now.
SHOWN = """selector => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility())
    .map(e => e.dataset.service)"""
ALL = "rows => rows.map(r => r.dataset.service)"
OWNER_NAMES = {"aws": "AWS", "customer": "Customer", "shared": "Shared"}


def _settled(page) -> None:
    """Wait until the page has stopped scrolling (the jump to an anchor, then the landing's own move)."""
    page.wait_for_function(
        """() => new Promise(done => {
            let last = scrollY, still = 0;
            const tick = () => { still = scrollY === last ? still + 1 : 0; last = scrollY;
                                 still >= 5 ? done(true) : requestAnimationFrame(tick); };
            requestAnimationFrame(tick);
        })"""
    )


def _open(page, url: str) -> None:
    """A fresh load of `url` (from another page: a change of the anchor alone would not load the page)."""
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_load_state("load")
    _settled(page)


def _pinned(ids: str, chosen: list[str]) -> bool:
    return any(i in chosen for i in ids.split())


def _others(catalog: Catalog, rows: list[str], chosen: list[str]) -> int:
    """How many services the rows not pinned cover: the N of "Other services (N)"."""
    return len({i for ids in rows if not _pinned(ids, chosen) for i in ids.split()})


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    opened = context.new_page()
    yield opened
    context.close()


def test_a_section_shows_the_addresss_services_first_and_folds_the_others(page, base_url: str, catalog) -> None:
    chosen = ["lambda", "dynamodb"]
    page.goto(base_url + "customer/?service=lambda,dynamodb")
    page.wait_for_selector(".srg-pin__status")
    entries = [e for e in catalog.responsibilities if e.rule == "customer"]
    assert entries
    for entry in entries:
        section = f".srg-entry[data-entry='{entry.id}']"
        every = page.eval_on_selector_all(f"{section} ul.srg-split > li[data-service]", ALL)
        shown = page.evaluate(SHOWN, f"{section} ul.srg-split > li[data-service]")
        assert shown == [ids for ids in every if _pinned(ids, chosen)], entry.id
        assert shown, entry.id
        line = page.locator(f"{section} .srg-split__title")
        assert line.text_content() == "Showing Lambda, DynamoDB · show all · change", entry.id
        others = _others(catalog, every, chosen)
        toggle = page.locator(f"{section} button.srg-others")
        if others:
            # Sections off screen are not laid out (content-visibility): their text, not their inner text.
            assert toggle.text_content() == f"Other services ({others})", entry.id
            assert toggle.get_attribute("aria-expanded") == "false"
        else:
            assert toggle.count() == 0, entry.id
    # The page's own line says it too.
    assert page.locator(".srg-pin-slot .srg-pin").inner_text() == "Showing Lambda, DynamoDB · show all · change"
    # Show all: every row, in the guide's order, and the choice forgotten here and in the browser.
    page.locator(".srg-pin-slot button", has_text="show all").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!location.search.includes('service=')")
    assert page.evaluate("document.activeElement.textContent") == "Pick services"
    rows = f".srg-entry[data-entry='{entries[0].id}'] ul.srg-split > li[data-service]"
    assert page.evaluate(SHOWN, rows) == page.eval_on_selector_all(rows, ALL)
    assert page.locator("button.srg-others").count() == 0
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.locator(".srg-pin-slot").inner_text() == "Showing every service · Pick services"


def test_the_service_index_lists_the_pinned_services_first(page, base_url: str, catalog: Catalog) -> None:
    page.goto(base_url + "services/?service=s3,ec2")  # shown in the guide's order, as the rows are
    page.wait_for_selector(".srg-pin__status")
    assert page.evaluate(SHOWN, ".srg-service-index tr[data-service]") == ["ec2", "s3"]
    toggle = page.locator(".srg-service-index button.srg-others")
    assert toggle.inner_text() == f"Other services ({len(catalog.services) - 2})"
    toggle.click()
    assert page.evaluate(SHOWN, ".srg-service-index tr[data-service]") == ["ec2", "s3"] + [
        s.id for s in catalog.services if s.id not in ("ec2", "s3")
    ]
    assert page.locator(".srg-pin__status").inner_text() == "Showing EC2, S3"


def test_the_comparison_gives_the_pinned_services_owners_first(page, base_url: str, catalog: Catalog) -> None:
    page.goto(base_url + "comparison/?service=lambda")
    page.wait_for_selector(".srg-pin__status")
    varies = [e for e in catalog.responsibilities if catalog.badge(e) is None and catalog.applies(e, "lambda")]
    assert varies
    for entry in varies:
        row = page.locator(f".srg-comparison tr[data-entry='{entry.id}']")
        owner = catalog.cell(entry, "lambda").owner
        pinned = row.locator(".srg-owners--pinned")
        assert pinned.is_visible(), entry.id
        assert pinned.inner_text() == f"{OWNER_NAMES[owner]}: Lambda", entry.id
        every = row.locator(".srg-owners:not(.srg-owners--pinned)")
        assert not every.is_visible(), entry.id
        others = len([s for s in catalog.services if catalog.applies(entry, s.id) and s.id != "lambda"])
        toggle = row.locator("button.srg-others")
        assert toggle.inner_text() == f"Other services ({others})", entry.id
    row = page.locator(f".srg-comparison tr[data-entry='{varies[0].id}']")
    row.locator("button.srg-others").click()
    assert row.locator(".srg-owners:not(.srg-owners--pinned)").is_visible()
    # Where the answer does not apply to the pinned service, "Who" says so.
    for entry in catalog.responsibilities:
        absent = page.locator(f".srg-comparison tr[data-entry='{entry.id}'] .srg-owners__absent")
        if catalog.applies(entry, "lambda"):
            assert absent.count() == 0, entry.id
        else:
            assert absent.inner_text() == "Does not apply to Lambda", entry.id


def test_the_self_check_asks_the_pinned_services_questions_first(page, base_url: str, catalog: Catalog) -> None:
    page.goto(base_url + "self-check/?service=rds")
    page.wait_for_selector(".srg-quiz__score")
    mine = page.locator(".srg-check-pinned .srg-question")
    count = mine.count()
    assert count == sum(1 for e in catalog.responsibilities if catalog.applies(e, "rds"))
    assert all("rds" in ids.split() for ids in page.evaluate(SHOWN, ".srg-question"))
    assert page.locator(".srg-check-pinned__title").inner_text() == f"{count} questions on RDS"
    # The pinned questions come first, before every service's section, and the score counts them alone.
    first = page.evaluate("document.querySelector('.srg-question').closest('.srg-check-pinned') !== null")
    assert first
    assert page.locator(".srg-quiz__score").inner_text() == f"0 of 0 right, {count} to go."
    toggle = page.locator(".srg-check-others button.srg-others")
    assert re.fullmatch(r"Other services \(\d+\)", toggle.inner_text())
    toggle.click()
    total = page.locator(".srg-question").count()
    assert page.locator(".srg-quiz__score").inner_text() == f"0 of 0 right, {total} to go."
    assert page.locator("h2#check-ec2").is_visible()


def test_the_matrix_takes_the_pinned_services_as_its_columns(page, base_url: str) -> None:
    page.goto(base_url + "services/?service=rds,aurora")
    page.wait_for_selector(".srg-pin__status")
    page.goto(base_url + "matrix/")
    page.wait_for_selector(".srg-filter")
    assert page.evaluate(SHOWN, "thead th[data-service]") == ["rds", "aurora"]
    assert page.url == base_url + "matrix/?service=rds,aurora"
    # Picking a column there pins it on every page.
    page.check("input[name=service][value=lambda]")
    page.goto(base_url + "services/")
    page.wait_for_selector(".srg-pin__status")
    assert page.evaluate(SHOWN, ".srg-service-index tr[data-service]") == ["rds", "aurora", "lambda"]


def test_other_services_open_and_close_by_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "customer/?service=lambda#guest-os-patching")
    toggle = page.locator(".srg-entry[data-entry='guest-os-patching'] button.srg-others")
    rows = ".srg-entry[data-entry='guest-os-patching'] ul.srg-split > li[data-service]"
    before = len(page.evaluate(SHOWN, rows))
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    after = page.evaluate(SHOWN, rows)
    assert len(after) > before
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert len(page.evaluate(SHOWN, rows)) == before


def test_services_are_pinned_by_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "services/")
    pin = page.locator(".srg-pin-slot button", has_text="Pick services")
    pin.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.srg-pin-dialog")
    assert dialog.is_visible()
    page.locator("dialog.srg-pin-dialog input[value=rds]").focus()
    page.keyboard.press("Space")
    page.locator("dialog.srg-pin-dialog button[value=pin]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('service=')")
    assert not dialog.is_visible()
    assert page.evaluate(SHOWN, ".srg-service-index tr[data-service]") == ["rds"]
    # The focus stays on the line that says what is pinned.
    assert page.evaluate("document.activeElement.dataset.srgPinAction") == "change"
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate(SHOWN, ".srg-service-index tr[data-service]") == ["rds"]


def test_what_pinning_draws_speaks_of_the_customer(page, base_url: str) -> None:
    """One voice (tests/test_wording.py reads the built pages; these words are the script's): the lines, the
    folds, the note and the dialog never say "you" or "your"."""
    from test_wording import OTHER_VOICE

    drawn = ".srg-pin, .srg-split__title, .srg-pin__note, button.srg-others, .srg-check-pinned__title"
    said = []
    for path in ["customer/", "services/", "comparison/", "self-check/"]:
        page.goto(f"{base_url}{path}?service=")
        page.wait_for_selector(".srg-pin button")
        said += page.eval_on_selector_all(drawn, "found => found.map(e => e.textContent)")
        page.goto(f"{base_url}{path}?service=lambda,nosuch")
        page.wait_for_selector(".srg-pin__status")
        said += page.eval_on_selector_all(drawn, "found => found.map(e => e.textContent)")
    page.locator(".srg-pin-slot [data-srg-pin-action=change]").click()
    said.append(page.locator("dialog.srg-pin-dialog").inner_text())
    assert "Pick services" in " ".join(said)  # the words of both states were read
    assert "Other services (" in " ".join(said)
    assert [text for text in said if OTHER_VOICE.search(text)] == []


def test_ids_that_are_no_service_are_ignored_with_a_note(page, base_url: str) -> None:
    page.goto(base_url + "customer/?service=lambda,nosuch#guest-os-patching")
    note = page.locator(".srg-entry[data-entry='guest-os-patching'] .srg-pin__note")
    assert note.is_visible()
    assert note.inner_text() == "Ignored from the address: \u201cnosuch\u201d is not a service this guide covers."
    assert page.locator(".srg-pin-slot .srg-pin__note").inner_text() == note.inner_text()
    assert page.locator(".srg-pin__status").first.inner_text() == "Showing Lambda"
    assert page.url.endswith("customer/?service=lambda#guest-os-patching")
    page.goto(base_url + "matrix/?service=ec2,nosuch")
    page.wait_for_selector(".srg-filter")
    assert "\u201cnosuch\u201d is not a service" in page.locator(".srg-filter__status").inner_text()
    assert page.evaluate(SHOWN, "thead th[data-service]") == ["ec2"]


def test_the_browser_keeps_the_choice_across_pages(page, base_url: str) -> None:
    page.goto(base_url + "shared/?service=eks")
    page.wait_for_selector(".srg-pin__status")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == "eks"
    page.locator("a.md-nav__link", has_text="What AWS secures").first.click()
    page.wait_for_url(re.compile(r".*/aws/\?service=eks$"))
    assert page.locator(".srg-pin__status").first.inner_text() == "Showing EKS"
    page.goto(base_url + "comparison/")
    page.wait_for_selector(".srg-pin__status")
    assert page.url == base_url + "comparison/?service=eks"


def test_copy_link_keeps_the_choice_and_the_share_address_passes_it_on(browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "customer/?service=lambda,dynamodb")
    page.click("a[data-srg-copy='guest-os-patching']")
    page.wait_for_function(
        "document.querySelector(\"a[data-srg-copy='guest-os-patching']\").textContent === 'Link copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == base_url + "a/guest-os-patching/?service=lambda,dynamodb"
    context.close()
    # A reader who never pinned anything opens it: the answer opens with the same services pinned.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(copied)
    page.wait_for_url(base_url + "customer/?service=lambda,dynamodb#guest-os-patching")
    page.wait_for_selector(".srg-pin__status")
    shown = page.evaluate(SHOWN, ".srg-entry[data-entry='guest-os-patching'] ul.srg-split > li[data-service]")
    assert shown
    assert all(_pinned(ids, ["lambda", "dynamodb"]) for ids in shown)
    context.close()


def test_without_javascript_every_row_shows(browser, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "customer/?service=lambda#guest-os-patching")
    rows = page.evaluate(SHOWN, ".srg-entry[data-entry='guest-os-patching'] ul.srg-split > li[data-service]")
    assert sorted(i for ids in rows for i in ids.split()) == sorted(s.id for s in catalog.services)
    assert page.locator("button.srg-others, .srg-pin button").count() == 0
    assert page.locator(".srg-pin-slot").inner_text() == "Showing every service."
    page.goto(base_url + "services/?service=lambda")
    assert len(page.evaluate(SHOWN, ".srg-service-index tr[data-service]")) == len(catalog.services)
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_nothing_moves_when_the_script_starts_with_nothing_pinned(browser, base_url: str, viewport: dict) -> None:
    """A reader who pinned nothing gets the controls in places kept for them: every heading, table and line of
    rows stays where the page's first layout put it (Lighthouse counts any move as a layout shift)."""
    where = """[...document.querySelectorAll('article :is(h2, table, .srg-split__title, .srg-quiz-slot)')]
        .map(e => e.getBoundingClientRect().top + scrollY)"""
    for path in ["aws/", "customer/", "shared/", "services/", "comparison/", "self-check/"]:
        tops = []
        for script in (False, True):
            page = browser.new_page(viewport=viewport)
            if not script:
                page.route("**/assets/pinned-services.js", lambda route: route.abort())
            page.goto(base_url + path)
            if script:
                page.wait_for_selector(".srg-pin button")
            page.add_style_tag(content=LAY_OUT_ALL)
            tops.append(page.evaluate(where))
            page.close()
        assert len(tops[0]) > 2, path
        assert tops[1] == pytest.approx(tops[0], abs=0.5), path


# -- the first screen ------------------------------------------------------------------------------------


def _pinned_rows_on_screen(page, entry_id: str, chosen: list[str]) -> dict:
    """Where the pinned rows of a section are on the screen, and the header's bottom edge."""
    return page.evaluate(
        """([id, chosen]) => {
            const rows = [...document.querySelectorAll(`.srg-entry[data-entry='${id}'] ul.srg-split > li`)]
                .filter(r => (r.dataset.service || '').split(' ').some(s => chosen.includes(s)));
            const boxes = rows.map(r => r.getBoundingClientRect());
            return {rows: rows.length, top: Math.min(...boxes.map(b => b.top)),
                    bottom: Math.max(...boxes.map(b => b.bottom)),
                    header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                    visible: rows.every(r => r.checkVisibility())};
        }""",
        [entry_id, chosen],
    )


def _off_screen(
    page, base_url: str, catalog: Catalog, viewport: dict, query: Callable[[Responsibility], str], chosen: list[str]
) -> dict:
    """Each section opened at its address with `query` whose pinned rows are not wholly on the first screen."""
    missed = {}
    for entry in catalog.responsibilities:
        _open(page, f"{base_url}{PAGE_OF_RULE[entry.rule]}/{query(entry)}#{entry.id}")
        found = _pinned_rows_on_screen(page, entry.id, chosen)
        on_screen = found["header"] - 1 <= found["top"] and found["bottom"] <= viewport["height"]
        if not (found["rows"] and found["visible"] and on_screen):
            missed[entry.id] = found
    return missed


@pytest.mark.parametrize("chosen", [["lambda"], ["lambda", "dynamodb"]], ids=["lambda", "lambda-dynamodb"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_after_a_link_the_pinned_rows_are_on_the_first_screen(
    browser, base_url: str, catalog, viewport: dict, chosen: list[str]
) -> None:
    page = browser.new_page(viewport=viewport)
    query = "?service=" + ",".join(chosen)
    assert _off_screen(page, base_url, catalog, viewport, lambda entry: query, chosen) == {}
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_after_a_search_the_pinned_rows_are_on_the_first_screen(browser, base_url: str, catalog, viewport) -> None:
    """A search result opens a section with the query as ?h=; the services come from the browser's storage."""
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + "services/?service=lambda")
    page.wait_for_selector(".srg-pin__status")
    searched = _off_screen(page, base_url, catalog, viewport, lambda entry: f"?h={quote_plus(entry.title)}", ["lambda"])
    assert searched == {}
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_a_search_that_names_another_service_opens_its_row(browser, base_url: str, viewport: dict) -> None:
    """A query that names a service lands on its row (docs/assets/landing.js), folded or not."""
    page = browser.new_page(viewport=viewport)
    _open(page, base_url + "customer/?service=lambda&h=guest+os+ec2#guest-os-patching")
    row = page.locator(".srg-entry[data-entry='guest-os-patching'] li[data-service~='ec2']")
    assert "srg-landed" in row.get_attribute("class")
    assert row.is_visible()
    box = row.bounding_box()
    assert 0 <= box["y"] < viewport["height"] / 2
    toggle = page.locator(".srg-entry[data-entry='guest-os-patching'] button.srg-others")
    assert toggle.get_attribute("aria-expanded") == "true"
    after_paint(page)
    page.close()


@pytest.mark.audit
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_with_services_pinned(
    browser, base_url: str, axe_source: str, scheme: str, width: int
) -> None:
    """axe-core on what pinning draws: the lines, the folds closed and open, the note and the dialog."""
    from test_audit_axe import violations

    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in ["customer/", "services/", "comparison/", "self-check/"]:
        page.goto(f"{base_url}{path}?service=lambda,nosuch")
        page.wait_for_selector(".srg-pin__status")
        found[f"{path}, pinned"] = violations(page, axe_source)
        page.evaluate("document.querySelectorAll('button.srg-others').forEach(b => b.click())")
        found[f"{path}, others open"] = violations(page, axe_source)
    page.goto(base_url + "shared/")  # pinned still: the browser keeps the choice
    page.locator(".srg-pin-slot [data-srg-pin-action=change]").click()
    page.locator("dialog.srg-pin-dialog").wait_for()
    found["the choice, open"] = violations(page, axe_source)
    context.close()
    assert {state: problems for state, problems in found.items() if problems} == {}
