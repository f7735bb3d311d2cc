"""The matrix filter, the self-check, tooltips and print, in a real Chromium."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import after_paint
from conftest import DATA, ROOT, copy_project, run_build, site_prefix
from serve import serve
from srg.blocks import MATRIX_TEXT_UP_TO
from srg.load import parse_catalog
from srg.model import KIND_LABELS, KINDS, OWNER_LABELS, OWNER_LETTERS, Catalog

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
VISIBLE = "[...document.querySelectorAll('{}')].filter(e => e.offsetParent !== null).map(e => e.dataset.{})"
VISIBLE_ROWS = VISIBLE.format("tr[data-entry]", "entry")


def in_matrix_order(catalog: Catalog) -> list[str]:
    return [r.id for c in catalog.categories for r in catalog.in_category(c.id)]


def not_applying(catalog: Catalog, services: list[str]) -> int:
    return sum(not any(catalog.applies(r, s) for s in services) for r in catalog.responsibilities)


def test_matrix_filter_is_in_the_address_and_survives_a_reload(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/")
    assert page.evaluate(VISIBLE_ROWS) == in_matrix_order(catalog)
    page.check("input[name=service][value=lambda]")
    page.select_option("select[name=owner]", "customer")
    assert page.url == base_url + "matrix/?service=lambda&owner=customer"
    lam = catalog.service("lambda")
    expected = [e for e in in_matrix_order(catalog) if says(catalog, e, "lambda")[0] == "customer"]
    assert page.evaluate(VISIBLE_ROWS) == expected
    total = len(catalog.responsibilities)
    absent = not_applying(catalog, ["lambda"])
    status = f"Showing {len(expected)} of {total} responsibilities on {lam.name}, held by Customer."
    if absent:
        status += f" {absent} {'row does' if absent == 1 else 'rows do'} not apply to this service and "
        status += f"{'is' if absent == 1 else 'are'} hidden."
    assert page.locator(".srg-filter__status").text_content() == status
    assert page.evaluate(VISIBLE.format("thead th[data-service]", "service")) == ["lambda"]

    page.reload()
    assert page.is_checked("input[name=service][value=lambda]")
    assert page.input_value("select[name=owner]") == "customer"
    assert page.evaluate(VISIBLE_ROWS) == expected

    page.click(".srg-filter button[type=reset]")
    page.wait_for_function("location.search === ''")
    assert page.evaluate(VISIBLE_ROWS) == in_matrix_order(catalog)
    page.close()


def says(catalog: Catalog, entry_id: str, service_id: str) -> tuple[str, str, tuple[str, ...]]:
    """What a matrix cell says: its owner, its reason (none where the entry does not apply, unless noted) and the
    Security Hub controls that check it."""
    entry = catalog.responsibility(entry_id)
    cell = catalog.cell(entry, service_id)
    if cell.owner == "n/a" and not cell.note:
        return ("na", "", ())
    return (cell.owner.replace("n/a", "na"), catalog.reason_on(entry, service_id), tuple(catalog.check_ids(cell)))


def test_matrix_compares_the_services_picked_in_the_address(browser, base_url: str, catalog: Catalog) -> None:
    picked = ["ec2", "s3"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/?service=" + ",".join(picked))
    assert page.is_checked("input[name=service][value=ec2]")
    assert page.is_checked("input[name=service][value=s3]")
    assert page.evaluate(VISIBLE.format("thead th[data-service]", "service")) == picked
    applying = [
        e for e in in_matrix_order(catalog) if any(catalog.applies(catalog.responsibility(e), s) for s in picked)
    ]
    assert page.evaluate(VISIBLE_ROWS) == applying
    order = [s.id for s in catalog.services]
    between = order[order.index(picked[0]) : order.index(picked[1]) + 1]
    for entry_id in applying:
        shown = page.evaluate(
            """id => [...document.querySelectorAll(`tr[data-entry="${id}"] td`)].filter(td => !td.hidden)
                  .map(td => [td.dataset.owner, td.colSpan])""",
            entry_id,
        )
        one_cell = len({says(catalog, entry_id, s) for s in between}) == 1
        owners = [says(catalog, entry_id, s)[0] for s in picked]
        assert shown == ([[owners[0], 2]] if one_cell else [[owner, 1] for owner in owners]), entry_id
    page.close()


def test_a_linked_owner_view_hides_other_owners_cells(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "matrix/?owner=shared&service=nonsense")
    assert page.evaluate("[...document.querySelectorAll('input[name=service]')].filter(b => b.checked).length") == 0
    expected = {r.id for r in catalog.responsibilities if "shared" in catalog.owners(r)}
    assert set(page.evaluate(VISIBLE_ROWS)) == expected
    shown_owners = page.evaluate(
        "[...document.querySelectorAll('td[data-owner]')].filter(td => td.offsetParent !== null && "
        "getComputedStyle(td.firstElementChild).visibility === 'visible').map(td => td.dataset.owner)"
    )
    assert set(shown_owners) == {"shared"}
    page.close()


def test_without_javascript_the_full_matrix_is_readable(browser, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "matrix/?service=lambda")
    assert page.locator(".srg-filter").count() == 0
    assert page.evaluate(VISIBLE_ROWS) == in_matrix_order(catalog)
    assert page.locator("thead th[data-service]").count() == len(catalog.services)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_is_readable_at_phone_width(browser, base_url: str, catalog: Catalog, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=scheme, device_scale_factor=2)
    page = context.new_page()
    for address in ("matrix/", "matrix/?service=fargate"):
        page.goto(base_url + address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, address
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.srg-matrix td, .srg-matrix th')]
                  .filter(c => c.offsetParent !== null && c.getBoundingClientRect().right > window.innerWidth)
                  .map(c => c.textContent.slice(0, 40))"""
        )
        assert overflowing == [], address
    label = page.evaluate(
        "getComputedStyle(document.querySelector('tr[data-entry]:not([hidden]) td:not([hidden])'), '::before').content"
    )
    assert label == f'"{catalog.service("fargate").name}"'
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "matrix/?service=rds")
    page.screenshot(path=str(ARTIFACTS / f"matrix-375-{scheme}.png"))
    context.close()


def test_self_check_reveals_the_answer_on_demand_without_javascript(browser, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "self-check/#check-ec2-guest-os-patching")
    question = page.locator("#check-ec2-guest-os-patching")
    answer = question.locator(".srg-answer")
    entry = catalog.responsibility("guest-os-patching")
    summary = f"On {catalog.service('ec2').name}, in the default setup, {entry.ask()}"
    assert question.locator("summary").text_content() == summary
    assert not answer.is_visible()
    question.locator("summary").click()
    assert answer.is_visible()
    setup = question.locator(".srg-check-setup")
    assert catalog.service("ec2").default_setup.text in " ".join((setup.text_content() or "").split())
    owner = catalog.cell(entry, "ec2").owner
    assert answer.text_content().startswith(f"{OWNER_LABELS[owner]} {catalog.reason_on(entry, 'ec2')[:20]}")
    assert question.locator(".srg-read-more a").get_attribute("href") == "../customer/#guest-os-patching"
    covered = page.evaluate(
        "[...document.querySelectorAll('details.srg-check')].map(d => d.dataset.services.split(' ').length)"
    )
    assert sum(covered) == sum(catalog.applies(e, s.id) for e in catalog.responsibilities for s in catalog.services)
    context.close()


def test_self_check_scores_answers_and_studies_one_service(browser, base_url: str, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "self-check/")
    score = page.locator(".srg-quiz__score")
    total = page.locator("details.srg-check").count()
    assert score.text_content() == f"0 of 0 right, {total} to go."
    entry = catalog.responsibility("guest-os-patching")
    right = OWNER_LABELS[catalog.cell(entry, "ec2").owner]
    choices = page.locator("#check-ec2-guest-os-patching + .srg-quiz__choices")
    choices.get_by_role("button", name=right, exact=True).click()
    assert page.locator("#check-ec2-guest-os-patching").get_attribute("open") is not None
    assert choices.locator(".srg-quiz__verdict").text_content() == "Right."
    assert score.text_content() == f"1 of 1 right, {total - 1} to go."
    other = page.locator("details.srg-check").nth(1)
    other_id = other.get_attribute("id")
    other_choices = page.locator(f"#{other_id} + .srg-quiz__choices")
    answer = other.get_attribute("data-owner")
    miss = next(label for owner, label in OWNER_LABELS.items() if owner not in {"n/a", answer})
    other_choices.get_by_role("button", name=miss, exact=True).click()
    assert other_choices.locator(".srg-quiz__verdict").text_content() == "Not quite: the answer is above."
    assert score.text_content() == f"1 of 2 right, {total - 2} to go."

    page.select_option(".srg-quiz select", "lambda")
    after_paint(page)
    shown = page.evaluate(
        "[...document.querySelectorAll('details.srg-check')].filter(d => d.offsetParent !== null)"
        ".map(d => d.dataset.services)"
    )
    # Every question about Lambda, including those asked once for Lambda and other services, and no other.
    assert shown
    assert all("lambda" in services.split() for services in shown), shown
    every = page.evaluate(
        "[...document.querySelectorAll('details.srg-check')].filter(d => d.dataset.services.split(' ')"
        ".includes('lambda')).length"
    )
    assert len(shown) == every
    page.close()


def test_an_old_question_link_opens_on_its_question(browser, base_url: str) -> None:
    """Questions with the same answer on several services are asked once; each service's old link still works."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "self-check/#check-lambda-guest-os-patching")
    after_paint(page)
    target = page.locator("[id='check-lambda-guest-os-patching']")
    question = (
        page.locator("details.srg-check", has=target) if target.evaluate("e => e.tagName") != "DETAILS" else target
    )
    summary = question.locator("summary").first
    assert "AWS Lambda" in summary.text_content()
    box = summary.bounding_box()
    assert box is not None
    assert 0 <= box["y"] <= 900 - box["height"]
    page.close()


def test_abbreviation_tooltip_opens_on_hover_and_on_keyboard_focus(browser, base_url: str, catalog: Catalog) -> None:
    expansions = {t.term: t.expansion for t in catalog.glossary}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "aws/")
    tooltip = page.locator("#srg-tooltip")
    terms = page.locator("article abbr")
    assert terms.count() > 1, "the page has no tooltips"
    last = terms.last
    last.scroll_into_view_if_needed()
    last.hover()
    tooltip.wait_for()
    assert tooltip.text_content() == expansions[last.text_content()]
    assert tooltip.get_attribute("role") == "tooltip"
    assert last.get_attribute("aria-describedby") == "srg-tooltip"
    term, tip = last.bounding_box(), tooltip.bounding_box()
    assert term is not None
    assert tip is not None
    assert abs((tip["x"] + tip["width"] / 2) - (term["x"] + term["width"] / 2)) < 2 or tip["x"] == 8
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    first = page.locator("article abbr[tabindex='0']").first
    name = first.text_content()
    assert page.locator("article abbr[tabindex='0']", has_text=re.compile(f"^{re.escape(name)}$")).count() == 1
    first.focus()
    tooltip.wait_for()
    assert tooltip.text_content() == expansions[name]
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden")
    page.close()


@pytest.mark.parametrize("path", ["comparison/", "matrix/"])
def test_tables_print_without_chrome_or_cut_off_columns(browser, base_url: str, catalog: Catalog, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.evaluate("getComputedStyle(document.querySelector('article thead')).display") == "table-header-group"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/")
    for paper, width_in in (("A4", 8.27), ("Letter", 8.5)):
        pdf = page.pdf(format=paper, print_background=True)
        (ARTIFACTS / f"{name}-{paper}.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        # More than one sheet, and fewer sheets than rows: rows share sheets, none is alone on one.
        assert 1 < pages < len(catalog.responsibilities), (paper, pages)
        # The table at the printable width (page less 2 x 10 mm margins) is no wider than that.
        printable = round((width_in - 2 * 10 / 25.4) * 96)
        page.set_viewport_size({"width": printable, "height": 1000})
        widths = page.evaluate(
            "[...document.querySelectorAll('article table')].map(t => [t.scrollWidth, t.getBoundingClientRect().width])"
        )
        assert all(scroll <= printable + 1 and box <= printable + 1 for scroll, box in widths), (paper, widths)
    page.close()


# -- the matrix at any number of services: the real site, and a copy with 25 (its services, then clones of them) --

WIDE = 25


def _synthetic():
    """benchmarks/synthetic.py, which makes copies of the site with more services."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def wide(snapshot: Path, tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[tuple[str, Catalog]]:
    """The site with 25 services, kind by kind, built and served: its address and its catalog."""
    synthetic = _synthetic()
    project = copy_project(tmp_path_factory.mktemp("wide") / "project", snapshot)
    data = synthetic.cloned_data(len(catalog.responsibilities), source=project / DATA, services=WIDE)
    (project / DATA).write_text(data, encoding="utf-8")
    synthetic._strip_prose_links(project / "docs")
    build = run_build(project, project.parent / "site")
    assert build.returncode == 0, build.output
    with serve(build.site, site_prefix()) as url:
        yield url, parse_catalog(data, DATA)


@pytest.fixture(params=["real", "wide"])
def matrix_site(request: pytest.FixtureRequest, base_url: str, catalog: Catalog) -> tuple[str, Catalog]:
    """The matrix at the real site's number of services and at 25."""
    return (base_url, catalog) if request.param == "real" else request.getfixturevalue("wide")


# Each word of the matrix and its filter that the reader sees, with the number of lines it is drawn on.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const root of document.querySelectorAll('.srg-matrix table, .srg-filter')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent.checkVisibility({visibilityProperty: true})) continue;
      // A line may break at a space or after a hyphen (guide.css), never inside a word.
      for (const word of node.textContent.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 1).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0] + ' in ' + parent.textContent.trim().slice(0, 40));
      }
    }
  }
  return broken;
}"""
VISIBLE_REASONS = "[...document.querySelectorAll('.srg-matrix td .srg-reason')].filter(e => e.checkVisibility()).length"
LETTERS = """[...document.querySelectorAll('.srg-matrix td')].filter(c => c.checkVisibility())
  .map(c => getComputedStyle(c, '::before').content).filter(c => c !== 'none')"""


def compact(catalog: Catalog) -> bool:
    return len(catalog.services) > MATRIX_TEXT_UP_TO


def test_matrix_words_stay_whole_at_1280_px_compact_or_not(browser, matrix_site: tuple[str, Catalog]) -> None:
    url, catalog = matrix_site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url + "matrix/")
    after_paint(page)
    assert page.evaluate(BROKEN_WORDS) == []
    if compact(catalog):
        # The compact grid fits its box at 1280 px: no sideways scrolling.
        box, table = page.evaluate(
            "[document.querySelector('.srg-matrix .md-typeset__scrollwrap').clientWidth,"
            " document.querySelector('.srg-matrix table').scrollWidth]"
        )
        assert table <= box, (table, box)
        page.get_by_label("Show the reasons").check()
        after_paint(page)
        assert page.evaluate(BROKEN_WORDS) == []
    page.close()


def test_compact_cells_name_their_owner_to_screen_readers(browser, matrix_site: tuple[str, Catalog]) -> None:
    url, catalog = matrix_site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url + "matrix/")
    after_paint(page)
    letters = page.evaluate(LETTERS)
    if not compact(catalog):
        assert letters == []
        page.close()
        return
    # Most cells show a letter, drawn with empty alternative text; each cell's name is its owner's word alone.
    expected = {f'"{letter}" / ""' for letter in OWNER_LETTERS.values()}
    assert letters
    assert set(letters) <= expected, set(letters) - expected
    tree = page.locator(".srg-matrix table").aria_snapshot()
    # A name with a colon is quoted whole in the snapshot: - 'cell "Customer Checked by Security Hub: S3.1"'.
    cells = re.findall(r"^\s*- '?cell(?: \"(.*?)\")?", tree, flags=re.M)
    shown = page.evaluate("[...document.querySelectorAll('.srg-matrix td')].filter(c => c.checkVisibility()).length")
    assert len(cells) == shown
    # Its owner's word, then, where Security Hub checks the cell, the mark that says so.
    owners = {re.sub(r" Checked by Security Hub: [A-Za-z0-9., ]+$", "", name) for name in cells}
    assert owners <= set(OWNER_LABELS.values()), owners - set(OWNER_LABELS.values())
    page.close()


def test_the_reasons_show_on_demand_and_for_few_services(browser, matrix_site: tuple[str, Catalog]) -> None:
    url, catalog = matrix_site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url + "matrix/")
    after_paint(page)
    total = page.locator(".srg-matrix td .srg-reason").count()
    toggle = page.get_by_label("Show the reasons")
    if not compact(catalog):
        assert toggle.count() == 0
        assert page.evaluate(VISIBLE_REASONS) == total
        page.close()
        return
    assert page.evaluate(VISIBLE_REASONS) == 0
    # By keyboard: the toggle takes focus, and Space shows every cell's text, letters gone.
    toggle.focus()
    page.keyboard.press("Space")
    after_paint(page)
    assert toggle.is_checked()
    assert page.evaluate(VISIBLE_REASONS) == total
    assert page.evaluate(LETTERS) == []
    toggle.uncheck()
    after_paint(page)
    assert page.evaluate(VISIBLE_REASONS) == 0
    # Three services picked: their text shows without asking.
    picked = [service.id for service in catalog.services[:3]]
    page.goto(url + "matrix/?service=" + ",".join(picked))
    after_paint(page)
    assert not page.get_by_label("Show the reasons").is_checked()
    assert page.evaluate(VISIBLE_REASONS) > 0
    assert page.evaluate(LETTERS) == []
    assert page.evaluate(BROKEN_WORDS) == []
    page.close()


def test_services_to_compare_are_grouped_by_kind(browser, matrix_site: tuple[str, Catalog]) -> None:
    url, catalog = matrix_site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url + "matrix/")
    groups = page.evaluate(
        """[...document.querySelectorAll('.srg-filter__kind')].map(g => [g.querySelector('legend').textContent,
             [...g.querySelectorAll('input[name=service]')].map(i => i.value)])"""
    )
    kinds = [kind for kind in KINDS if any(service.kind == kind for service in catalog.services)]
    assert [legend.lower() for legend, _ in groups] == [KIND_LABELS[kind] for kind in kinds]
    assert [ids for _, ids in groups] == [[s.id for s in catalog.services if s.kind == kind] for kind in kinds]
    page.close()


def test_many_services_without_javascript_keep_every_cells_text(browser, wide: tuple[str, Catalog]) -> None:
    url, catalog = wide
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url + "matrix/")
    assert page.locator("thead th[data-service]").count() == len(catalog.services) > MATRIX_TEXT_UP_TO
    assert page.evaluate(VISIBLE_REASONS) == page.locator(".srg-matrix td .srg-reason").count() > 0
    assert page.evaluate(LETTERS) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_many_services_on_a_phone_pick_and_fit(browser, wide: tuple[str, Catalog], scheme: str) -> None:
    url, catalog = wide
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url + "matrix/")
    after_paint(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(BROKEN_WORDS) == []
    last = catalog.services[-1]
    page.get_by_label(last.name, exact=True).check()
    page.wait_for_url(re.compile(rf"\?service={re.escape(last.id)}$"))
    shown = page.evaluate("[...document.querySelectorAll('thead th[data-service]')].filter(t => !t.hidden).length")
    assert shown == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"matrix-{WIDE}-services-390-{scheme}.png"))
    context.close()


OWNER_LINES = """Object.fromEntries([...document.querySelectorAll('tr[data-entry]:not([hidden])')].map(row => [
  row.dataset.entry,
  [...row.querySelectorAll('.srg-matrix__owners > .srg-owner')].map(badge => [
    badge.textContent, badge.nextElementSibling.textContent, badge.nextElementSibling.checkVisibility()])]))"""


def test_on_a_phone_each_card_of_many_services_gives_one_line_per_owner(browser, wide: tuple[str, Catalog]) -> None:
    """Each owner once, with the short names of the services it holds on in the matrix's order; the owner of most
    services, when it holds eight or more, last as "every other service"; the cells themselves only on demand."""
    url, catalog = wide
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(url + "matrix/")
    after_paint(page)
    page.add_style_tag(content=".srg-matrix tr { content-visibility: visible !important; }")
    cards = page.evaluate(OWNER_LINES)
    applying = [e for e in catalog.responsibilities if any(catalog.applies(e, s.id) for s in catalog.services)]
    assert sorted(cards) == sorted(e.id for e in applying)
    for entry in applying:
        held: dict[str, list[str]] = {}
        for service in catalog.services:
            held.setdefault(OWNER_LABELS[catalog.cell(entry, service.id).owner], []).append(service.short_name)
        lines = cards[entry.id]
        assert sorted(label for label, _, _ in lines) == sorted(held), entry.id
        assert all(visible for _, _, visible in lines), entry.id
        for position, (label, names, _) in enumerate(lines):
            if names.startswith("Every"):
                assert position == len(lines) - 1, entry.id
                assert len(held[label]) >= 8, entry.id
                assert len(held[label]) == max(map(len, held.values())), entry.id
                assert names.startswith("Every service" if len(lines) == 1 else "Every other service"), entry.id
            else:
                assert names.replace(" \u2713", "").split(", ") == held[label], (entry.id, label)
    shown = "[...document.querySelectorAll('%s')].filter(c => c.checkVisibility()).length"
    assert page.evaluate(shown % ".srg-matrix td") == 0
    page.get_by_label("Show the reasons").check()
    after_paint(page)
    assert page.evaluate(shown % ".srg-matrix__owners") == 0
    assert page.locator(".srg-matrix td .srg-reason").first.is_visible()
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_drawn_filter_fits_the_place_kept_for_it(browser, matrix_site: tuple[str, Catalog], width: int) -> None:
    """The matrix does not move down when the script draws the filter (guide.css keeps its slot's height)."""
    url, _ = matrix_site
    heights = []
    for script in (False, True):
        context = browser.new_context(java_script_enabled=script, viewport={"width": width, "height": 844})
        page = context.new_page()
        page.goto(url + "matrix/")
        if script:  # no frame callbacks run where scripts do not
            after_paint(page)
        heights.append(page.evaluate("document.querySelector('.srg-filter-slot').getBoundingClientRect().height"))
        context.close()
    assert heights[1] <= heights[0] + 1, heights
