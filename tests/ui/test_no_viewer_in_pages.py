"""Pages never decide who someone is: no module of werkboek/ui or werkboek/report builds a viewer
or calls one of the store's server-only doors. They get their viewer from the principal the
server proved (``werkboek.ui.visitor``), and the store refuses what that person may not do.

Read with ``ast``, not text search: a call through an alias (``from … import Viewer as V``), an
attribute (``self.cb.viewer_for``) or ``getattr(cb, "join_team")`` counts; a mention in a comment,
a docstring or a type annotation does not. The checker itself is tested on planted examples.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("werkboek/ui", "werkboek/report")
# Made by the store only: a page putting one together is what the seal is there to refuse.
BUILT_BY_THE_STORE = {"Viewer"}
# The store's doors for the server itself (command line, import, demo, tests), or its sealing.
SERVER_ONLY = {"viewer_for", "join_team", "local_viewer", "add_member", "system_viewer",
               "set_demo_passphrase", "_seal", "seal_of", "_account_viewer"}
ALLOWED = {
    ("werkboek/report/sections.py", "system_viewer"):
        "The session report is made outside any page kernel: by `werkboek report` on the "
        "server's command line, or in its own notebook run for the facilitator's download of "
        "their own session. It reads one session's team without names (named mode aside), as "
        "the server.",
}


def findings(source: str, path: str = "<planted>") -> list[str]:
    """``path:line name`` for every forbidden call in ``source`` that is not allowed."""
    tree = ast.parse(source)
    aliases = {}  # local name -> the name it was imported as
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        names = []
        func = node.func
        if isinstance(func, ast.Name):
            names.append(aliases.get(func.id, func.id))
        elif isinstance(func, ast.Attribute):
            names.append(func.attr)
        if isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) >= 2:
            named = node.args[1]
            if isinstance(named, ast.Constant) and isinstance(named.value, str):
                names.append(named.value)
        # A grant made on a page names its beheerder (``by=viewer``): the store checks the role.
        granted_by = any(keyword.arg == "by" for keyword in node.keywords)
        for name in names:
            forbidden = name in BUILT_BY_THE_STORE or (name in SERVER_ONLY and not granted_by)
            if forbidden and (path, name) not in ALLOWED:
                found.append(f"{path}:{node.lineno} {name}")
    return found


def scan(root: Path, folders=SCANNED) -> list[str]:
    found = []
    for folder in folders:
        for file in sorted((root / folder).rglob("*.py")):
            path = file.relative_to(root).as_posix()
            found += findings(file.read_text(encoding="utf-8"), path)
    return found


def test_no_page_or_report_builds_a_viewer_or_uses_a_server_door():
    assert scan(ROOT) == []


def test_every_allowed_exception_is_still_needed_and_says_why():
    used = {(path, name) for path, name in ALLOWED
            if name in (ROOT / path).read_text(encoding="utf-8")}
    assert used == set(ALLOWED)
    assert all(len(reason) > 40 for reason in ALLOWED.values())


@pytest.mark.parametrize("planted", [
    "from werkboek.casebook import Viewer\nViewer(member_id=1, team_ids=frozenset({1}))",
    "import werkboek.casebook as c\nc.Viewer(None, frozenset())",
    "from werkboek.casebook.records import Viewer as Kijker\nKijker(None, frozenset())",
    "def build(cb):\n    return cb.viewer_for(3)",
    "class Page:\n    def show(self):\n        self.cb.join_team(1, 'GW-2', 'trainer')",
    "def grant(cb):\n    cb.add_member(1, 'GW-2', 'beheerder')",
    "viewer = getattr(cb, 'local_viewer')()",
    "cb.add_member(1, 'GW-2', 'beheerder')",
    "cb.system_viewer({1})",
    "cb.set_demo_passphrase(['GW-2'], 'oefenen met werkboek')",
    "cb._seal(viewer)",
    "from werkboek.casebook.base import seal_of\nseal_of(viewer)",
])
def test_the_checker_finds_each_way_of_making_a_viewer(planted):
    assert len(findings(planted, "werkboek/ui/pages/planted.py")) == 1


@pytest.mark.parametrize("harmless", [
    "from werkboek.casebook import Viewer\ndef show(viewer: Viewer) -> Viewer:\n    return viewer",
    '"""Pages never call cb.viewer_for(member) or Viewer(...)."""',
    "# cb.join_team(1, 'GW-2', 'groepswerker')",
    "viewer = cb.viewer(principal, team_id)\nmine = cb.personal_viewer(principal)",
    "isinstance(thing, Viewer)",
])
def test_the_checker_leaves_what_only_mentions_or_uses_a_viewer_alone(harmless):
    assert findings(harmless, "werkboek/ui/pages/planted.py") == []


def test_the_allow_list_holds_for_its_own_file_only():
    call = "cb.system_viewer({1})"
    assert findings(call, "werkboek/report/sections.py") == []
    assert findings(call, "werkboek/report/render.py") == ["werkboek/report/render.py:1 system_viewer"]
    assert findings(call, "werkboek/ui/session/page.py") != []


def test_a_planted_page_fails_the_scan(tmp_path):
    page = tmp_path / "werkboek" / "ui" / "pages" / "sneaky.py"
    page.parent.mkdir(parents=True)
    (tmp_path / "werkboek" / "report").mkdir()
    page.write_text("def build(cb, member_id):\n"
                    "    from werkboek.casebook import Viewer\n"
                    "    return Viewer(member_id=member_id, team_ids=frozenset({1}))\n")
    assert scan(tmp_path) == ["werkboek/ui/pages/sneaky.py:3 Viewer"]
