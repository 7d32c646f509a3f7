"""axe-core in the browser tests: inject the vendored ``axe.min.js`` (vendor/, MPL-2.0, see
vendor/axe-core.LICENSE) into a page and run the WCAG 2.2 A and AA rules on it."""

from __future__ import annotations

import json
from pathlib import Path

VENDOR = Path(__file__).with_name("vendor")
AXE = VENDOR / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REPORTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "axe"


def axe_violations(page, name: str | None = None) -> list[dict]:
    """The page's violations of the WCAG A/AA rules: one dict per rule with its id, impact,
    help text and the CSS targets of the offending nodes. With ``name``, the full answer is also
    written to test-artifacts/axe/<name>.json (to read what to fix)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async tags => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                   resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "),
                                          summary: n.failureSummary,
                                          html: n.html.slice(0, 200)}))}));
        }""",
        WCAG_TAGS,
    )
    if name:
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / f"{name}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    return found


def summary(violations: list[dict]) -> str:
    """One line per rule: 'id (n×): first target'."""
    return "; ".join(f"{v['id']} ({len(v['nodes'])}×): {v['nodes'][0]['target']}"
                     for v in violations)


# -- the pages and the states of them that axe looks at

ACT = 15_000  # ms: one round trip to the kernel on a busy machine


def _section(name: str):
    def open_section(page) -> None:
        page.locator(f"button.wb-section-{name}").click()
        page.wait_for_timeout(1500)
    return open_section


def _casebook_as_gw1(page) -> None:
    """The page is signed in as GW-1, whose one team's casebook opens at once."""
    page.locator(".wb-casebook-search").wait_for(timeout=ACT)
    page.locator(".wb-filter-toggle").get_by_text("Filters").click()  # the date fields
    page.wait_for_timeout(800)


def _casebook_tab(title: str):
    def open_tab(page) -> None:
        _casebook_as_gw1(page)
        page.locator(".wb-casebook-sections button", has_text=title).click()
        page.wait_for_timeout(2000)
    return open_tab


# (state name, page address after voila/render/, what to do once its widgets show, or None)
STATES = (
    ("start", "Start.ipynb", None),
    ("oefeningen", "Oefeningen.ipynb", None),
    ("oefening-keuze", "Oefeningen.ipynb?oefening=multiprobleem-profiel", None),
    ("casusbespreking", "Casusbespreking.ipynb", None),
    ("dialoog", "Dialoog.ipynb", None),
    ("spanningsvelden", "Spanningsvelden.ipynb", None),
    ("spanningsvelden-plaatsen", "Spanningsvelden.ipynb", _section("plaatsen")),
    ("principes", "Principes.ipynb", None),
    ("principes-oefening", "Principes.ipynb", _section("oefening")),
    ("casebook", "Casebook.ipynb", None),
    ("casebook-zoeken", "Casebook.ipynb", _casebook_as_gw1),
    ("casebook-acties", "Casebook.ipynb", _casebook_tab("Vervolgacties")),
    ("casebook-casussen", "Casebook.ipynb", _casebook_tab("Casussen")),
    ("trainer", "Trainer.ipynb", None),
    ("mijn-reflecties", "Mijn-reflecties.ipynb", None),
)


def open_state(page, base: str, address: str, action) -> None:
    from benchmarks.served import WIDGET

    page.goto(f"{base}voila/render/{address}")
    page.wait_for_selector(WIDGET, state="visible", timeout=90_000)
    page.wait_for_timeout(1500)
    if action is not None:
        action(page)
