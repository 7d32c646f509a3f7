"""Load the fictional demo casebook (``casebook/demo/*.yaml``) through the public store API.

The six cases come from the content items of module ``casussen``; teams, members,
sessions, entries, actions, reflections and the course group's assignments, answers and
learning questions come from the YAML files. Every write goes
through ``Casebook`` so the privacy guard scans each text. Loading is idempotent: entries
get stable ids (uuid5 of a key), and a session counts as loaded when its first entry
exists, so a second run adds nothing. Dates are relative to ``today`` so the demo stays
recent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from werkboek.casebook import Casebook, CasebookError
from werkboek.content import Content, load_content
from werkboek.content.models import CaptureType
from werkboek.markup import counted
from werkboek.settings import REPO_ROOT
from werkboek.vocab import ASSIGNMENT_KIND, CASE_MODULE, LEARNING_QUESTION_KIND

DEMO_DIR = REPO_ROOT / "casebook" / "demo"
FICTIONAL = "fictief"
# Every demo account signs in with this passphrase (README, "Uitproberen"): the demo is fictional
# and meant for trying werkboek out, never for a casebook with real cases.
DEMO_PASSPHRASE = "oefenen met werkboek"
_ID_NAMESPACE = uuid.UUID("6f1d2b0e-8d1c-4c6b-9d5e-2f0a6c3b7e41")


@dataclass
class DemoSummary:
    """What one load added; all zero when the demo was already there."""

    teams: int = 0
    members: int = 0
    cases: int = 0
    sessions: int = 0
    entries: int = 0
    actions: int = 0
    reviews: int = 0

    @property
    def added_anything(self) -> bool:
        return any(vars(self).values())

    def as_dutch(self) -> str:
        if not self.added_anything:
            return "De demo stond al in het casebook; er is niets toegevoegd."
        return (
            "Fictieve demo geladen: "
            f"{counted(self.teams, 'team of groep', 'teams/groepen')}, "
            f"{counted(self.members, 'deelnemer', 'deelnemers')}, "
            f"{counted(self.cases, 'casus', 'casussen')}, "
            f"{counted(self.sessions, 'bijeenkomst', 'bijeenkomsten')}, "
            f"{counted(self.entries, 'antwoord', 'antwoorden')}, "
            f"{counted(self.actions, 'vervolgactie', 'vervolgacties')} "
            f"({self.reviews} daarvan besproken)."
        )


def entry_uuid(key: str) -> uuid.UUID:
    """The stable id of one demo entry."""
    return uuid.uuid5(_ID_NAMESPACE, key)


def marked_fictional(text: str) -> str:
    """The text as stored: every demo text says it is fictional."""
    text = text.strip()
    return text if FICTIONAL in text.lower() else f"{text} ({FICTIONAL})"


def read_demo(demo_dir: Path = DEMO_DIR) -> dict[str, Any]:
    """The demo data: teams.yaml, sessions.yaml and reflections.yaml merged into one dict."""
    data: dict[str, Any] = {}
    for name in ("teams", "sessions", "reflections"):
        with open(demo_dir / f"{name}.yaml", encoding="utf-8") as handle:
            data.update(yaml.safe_load(handle))
    return data


def load_demo(
    cb: Casebook,
    *,
    content: Content | None = None,
    today: date | None = None,
    demo_dir: Path = DEMO_DIR,
) -> DemoSummary:
    """Put the fictional demo into ``cb`` (missing parts only) and say what was added."""
    loader = _Loader(cb, content or load_content(), today or date.today(), read_demo(demo_dir))
    loader.run()
    return loader.summary


@dataclass
class _Loader:
    cb: Casebook
    content: Content
    today: date
    data: dict[str, Any]
    summary: DemoSummary = field(default_factory=DemoSummary)
    team_ids: dict[str, int] = field(default_factory=dict)
    member_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    team_kinds: dict[str, str] = field(default_factory=dict)
    case_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    existing: dict[uuid.UUID, Any] = field(default_factory=dict)

    def run(self) -> None:
        self._teams()
        self._known_entries()
        latest: dict[str, tuple[dict, int]] = {}  # case id -> its latest discussion and session id
        for spec in self.data["sessions"]:
            latest[spec["case"]] = (spec, self._session(spec, latest.get(spec["case"])))
        self._journal()
        self._positions()
        self._citations()
        self._course()

    # -- teams, members, cases

    def _teams(self) -> None:
        known = {team.name: team.id for team in self.cb.teams()}
        for team in self.data["teams"]:
            team_id = known.get(team["name"])
            if team_id is None:
                team_id = self.cb.create_team(team["name"], kind=team["kind"]).id
                self.summary.teams += 1
            self.team_ids[team["key"]] = team_id
            self.team_kinds[team["key"]] = team["kind"]
            # join_team is get-or-create too, but it scans; known members need no scanner.
            members = {m.pseudonym: m.id for m in
                       self.cb.members(self.cb.system_viewer({team_id}), team_id)}
            for member in team["members"]:
                pseudonym = member["pseudonym"]
                if pseudonym not in members:
                    members[pseudonym] = self.cb.join_team(team_id, pseudonym, member["role"]).id
                    self.summary.members += 1
                self.member_ids[(team["key"], pseudonym)] = members[pseudonym]
        self.cb.set_demo_passphrase([p for _team, p in self.member_ids], DEMO_PASSPHRASE)

    def _viewer(self, team: str, pseudonym: str):
        try:
            return self.cb.viewer_for(self.member_ids[(team, pseudonym)])
        except KeyError:
            raise CasebookError(f"demo: '{pseudonym}' is geen lid van team '{team}'") from None

    def _case_id(self, team: str, case: str, viewer) -> int:
        if (team, case) in self.case_ids:
            return self.case_ids[(team, case)]
        item = self.content.item(CASE_MODULE, case)
        title = marked_fictional(item.title)
        existing = {c.title: c.id for c in self.cb.cases(viewer, team_id=self.team_ids[team])}
        case_id = existing.get(title)
        if case_id is None:
            case_id = self.cb.create_case(
                viewer,
                self.team_ids[team],
                title,
                marked_fictional(item.text),
                life_domains=tuple(item.life_domains or ()),
                tension_fields=tuple(item.tension_fields or ()),
                # The case seeds are fictional course content written by others; a word the
                # scanner mistakes for a name must not stop the demo (this is audited).
                privacy="fictional",
            ).id
            self.summary.cases += 1
        self.case_ids[(team, case)] = case_id
        return case_id

    # -- entries

    def _known_entries(self) -> None:
        """Entries a former load already stored, as far as the members can see them."""
        for (team, _pseudonym), member_id in self.member_ids.items():
            viewer = self.cb.viewer_for(member_id)
            for entry in self.cb.entries(viewer, team_id=self.team_ids[team]):
                self.existing[entry.id] = entry

    def _moment(self, days_ago: int, hour: int) -> datetime:
        return datetime.combine(self.today - timedelta(days=days_ago), time(hour), UTC)

    def _save(self, team: str, author: str, key: str, at: datetime, **fields) -> None:
        """Store one final entry under its stable id, unless a former load already did."""
        entry_id = entry_uuid(key)
        if entry_id in self.existing:
            return
        if fields.get("text"):
            fields["text"] = marked_fictional(fields["text"])
        entry = self.cb.save_entry(
            self._viewer(team, author), entry_id=entry_id, final=True,
            created_at=at, updated_at=at, **fields,
        )
        self.existing[entry_id] = entry
        self.summary.entries += 1

    # -- case discussions

    def _session(self, spec: dict[str, Any], previous: tuple[dict, int] | None) -> int:
        """Store one discussion (when new) and its entries; return its session id."""
        team, key = spec["team"], spec["key"]
        facilitator = self._viewer(team, spec["facilitator"])
        case_id = self._case_id(team, spec["case"], facilitator)
        plan = self.data["discussion"]
        anchor = self.existing.get(entry_uuid(f"{key}/context/0"))
        held_on = self.today - timedelta(days=spec["days_ago"])
        if anchor is not None:
            session_id = anchor.session_id
        else:
            session_id = self.cb.start_session(
                facilitator,
                self.team_ids[team],
                case_id=case_id,
                exercise_id=plan["exercise"],
                module_id=plan["module"],
                on=held_on,
                presenter=spec.get("presenter"),
            ).id
            self.summary.sessions += 1
        common = {"session_id": session_id, "case_id": case_id, "module": plan["module"],
                  "exercise": plan["exercise"], "visibility": "team",
                  "at": self._moment(spec["days_ago"], 14)}
        steps = plan["steps"]
        question = spec["question"]
        self._save(team, question["by"], f"{key}/question", kind="text",
                   step=steps["question"], text=question["text"], **common)
        for pseudonym, score in spec["safety_start"].items():
            self._save(team, pseudonym, f"{key}/safety-start/{pseudonym}", kind="scale",
                       step=steps["safety_start"], value=score, **common)
        for n, answer in enumerate(spec["context"]):
            self._save(team, answer["by"], f"{key}/context/{n}", kind="text",
                       step=steps["context"], text=answer["text"], **common)
        for n, answer in enumerate(spec.get("perspectives", ())):
            self._save(team, answer["by"], f"{key}/perspectives/{n}", kind="text",
                       step=steps["perspectives"], text=answer["text"], **common)
        for n, answer in enumerate(spec["hypotheses"]):
            self._save(team, answer["by"], f"{key}/hypotheses/{n}", kind="hypotheses",
                       step=steps["hypotheses"], value=[marked_fictional(answer["text"])],
                       tension=answer["tension"], level=answer["level"],
                       principles=tuple(answer["principles"]), **common)
        chosen = spec["intervention"]
        self._save(team, chosen["by"], f"{key}/intervention", kind="text",
                   step=steps["intervention"], text=chosen["text"],
                   principles=tuple(chosen["principles"]), **common)
        for n, answer in enumerate(spec["needed"]):
            self._save(team, answer["by"], f"{key}/needed/{n}", kind="text",
                       step=steps["needed"], text=answer["text"], **common)
        for pseudonym, score in spec["safety"].items():
            self._save(team, pseudonym, f"{key}/safety/{pseudonym}", kind="scale",
                       step=steps["safety"], value=score, **common)
        profile = self.data["profile"]
        for pseudonym, scores in spec.get("profile", {}).items():
            self._save(team, pseudonym, f"{key}/profile/{pseudonym}", kind="scales",
                       step=profile["step"], value=scores,
                       **{**common, "module": profile["module"], "exercise": profile["exercise"]})
        if anchor is None:
            if previous is not None:
                self._review_previous(spec["team"], previous, session_id, facilitator)
            self._add_actions(spec, session_id, held_on, facilitator)
            self.cb.close_session(facilitator, session_id)
        return session_id

    def _add_actions(self, spec, session_id: int, held_on: date, viewer) -> None:
        for action in spec["actions"]:
            self.cb.add_action(
                viewer,
                session_id=session_id,
                what=marked_fictional(action["what"]),
                owner=action["owner"],
                due=held_on + timedelta(days=action["due_in_days"]),
            )
            self.summary.actions += 1

    def _review_previous(self, team: str, previous: tuple[dict, int], session_id: int, viewer):
        """Review, in this discussion, the previous discussion's actions that have a review."""
        previous_spec, previous_session = previous
        reviews = {marked_fictional(a["what"]): a["review"]
                   for a in previous_spec["actions"] if "review" in a}
        for action in self.cb.actions(viewer, self.team_ids[team], open_only=True):
            review = reviews.get(action.what)
            if action.session_id != previous_session or review is None:
                continue
            self.cb.review_action(viewer, action.id, session_id=session_id,
                                  status=review["status"], note=marked_fictional(review["note"]))
            self.summary.reviews += 1

    # -- personal journal, tension positions, principle citations

    def _journal(self) -> None:
        journal = self.data["journal"]
        exercise = self.content.exercise(journal["exercise"])
        step_of_level = {step.level: step.id for step in exercise.steps if step.level}
        for n, entry in enumerate(journal["entries"]):
            self._save(journal["team"], journal["author"], f"journal/{n}",
                       self._moment(entry["days_ago"], 21), kind="text",
                       module=exercise.module, exercise=exercise.id,
                       step=step_of_level[entry["level"]], level=entry["level"],
                       text=entry["text"], visibility="private")

    def _positions(self) -> None:
        """Everyone's place on each tension field, once per moment (so change shows)."""
        positions = self.data["positions"]
        exercise = self.content.exercise(positions["exercise"])
        for moment in positions["moments"]:
            at = self._moment(moment["days_ago"], 15)
            for member in moment["members"]:
                team, author = member["team"], member["author"]
                visibility = "course" if self.team_kinds[team] == "cohort" else "team"
                for tension, value in zip(positions["fields"], member["values"], strict=True):
                    self._save(team, author,
                               f"positions/{moment['days_ago']}/{team}/{author}/{tension}", at,
                               kind="poles", module=exercise.module, exercise=exercise.id,
                               step=positions["step"], tension=tension, value=value,
                               position=value, visibility=visibility)

    def _citations(self) -> None:
        citations = self.data["citations"]
        exercise = self.content.exercise(citations["exercise"])
        at = self._moment(citations["days_ago"], 11)
        for n, entry in enumerate(citations["entries"]):
            self._save(citations["team"], entry["author"], f"citations/{n}", at, kind="text",
                       module=exercise.module, exercise=exercise.id, step=citations["step"],
                       text=entry["text"], principles=tuple(entry["principles"]),
                       visibility="course")

    # -- the course group: assignments, answers to them, learning questions

    def _course(self) -> None:
        course = self.data["course"]
        team = course["team"]
        for assigned in course["assigned"]:
            exercise = self.content.exercise(assigned["exercise"])
            self._save(team, course["trainer"], f"course/assigned/{exercise.id}",
                       self._moment(assigned["days_ago"], 9), kind=ASSIGNMENT_KIND,
                       module=exercise.module, exercise=exercise.id, visibility="course")
        for answer in course["answers"]:
            exercise = self.content.exercise(answer["exercise"])
            at = self._moment(answer["days_ago"], 20)
            for step_id, given in answer["steps"].items():
                step = exercise.step(step_id)
                field = "text" if step.capture == CaptureType.TEXT else "value"
                self._save(team, answer["author"],
                           f"course/answers/{exercise.id}/{answer['author']}/{step_id}", at,
                           kind=str(step.capture), module=exercise.module, exercise=exercise.id,
                           step=step_id, visibility="course", **{field: given})
        for n, question in enumerate(course["questions"]):
            self._save(team, question["author"], f"course/questions/{n}",
                       self._moment(question["days_ago"], 19), kind=LEARNING_QUESTION_KIND,
                       text=question["text"], visibility="course")
