"""Accounts in the store: invites, passphrases, signed-in browsers and the sealed viewers made from
them, on SQLite and PostgreSQL. Rights are granted (command line or beheerder), never chosen, and
a viewer the store did not make, or whose sign-in has ended, is refused by every method."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, timedelta
from uuid import uuid4

import pytest
import sqlalchemy as sa

from tests.signin import server_view
from werkboek.casebook import (
    Casebook,
    InvalidInput,
    NotAllowed,
    NotFound,
    Principal,
    Viewer,
    base,
    passphrases,
    schema as t,
)
from werkboek.casebook.accounts import INVITE_INVALID, NOT_SIGNED_IN, SIGN_IN_FAILED, SignInFailed
from werkboek.casebook.base import VIEWER_REFUSED

PASSPHRASE = "de kat slaapt op de vensterbank"
OTHER_PASSPHRASE = "een heel andere lange wachtzin"


@pytest.fixture(autouse=True)
def no_login_memory(monkeypatch):
    """Every store call looks at the sign-in again (not trusting it for LOGIN_RECHECK seconds)."""
    monkeypatch.setattr(base, "LOGIN_RECHECK", 0.0)
    monkeypatch.setattr(base, "_live_logins", {})


@pytest.fixture
def team(casebook):
    return casebook.create_team("Team Noord (fictief)")


def invited(cb: Casebook, team_id: int, name: str, role: str = "groepswerker",
            passphrase: str = PASSPHRASE) -> Principal:
    """``name`` added on the command line, passphrase chosen through the invite: signed in."""
    _member, token = cb.add_member(team_id, name, role)
    _token, login = cb.accept_invite(token, passphrase)
    return Principal(login_id=login.id)


def set_expiry(cb: Casebook, table: sa.Table, when) -> None:
    with cb.engine.begin() as conn:
        conn.execute(table.update().values(expires_at=when))


# -- invite, passphrase, sign-in


def test_an_invite_sets_the_passphrase_and_the_sign_in_gives_the_members_viewer(casebook, team):
    member, token = casebook.add_member(team.id, "GW-2", "groepswerker")
    assert (member.pseudonym, member.role, member.team_id) == ("GW-2", "groepswerker", team.id)
    assert casebook.invite_name(token) == "GW-2"
    browser, login = casebook.accept_invite(token, PASSPHRASE, label="telefoon")
    assert casebook.login_by_token(browser).id == login.id and login.label == "telefoon"
    other_browser, second = casebook.sign_in("  gw-2 ", PASSPHRASE)  # the name as typed
    assert second.id != login.id and second.account_name == "GW-2"
    assert casebook.login_by_token(other_browser).account_id == login.account_id
    viewer = casebook.viewer(Principal(login_id=second.id))
    assert (viewer.member_id, viewer.login_id, viewer.team_ids) == (member.id, second.id,
                                                                    frozenset({team.id}))
    assert viewer.role_in(team.id) == "groepswerker" and not viewer.trainer
    assert casebook.viewer(Principal(login_id=second.id), team.id) == viewer
    assert [item.id for item in casebook.logins(viewer)] == [second.id, login.id]
    assert casebook.account(viewer).has_passphrase
    with casebook.engine.connect() as conn:  # neither passphrase nor tokens are stored as such
        stored = conn.execute(sa.select(t.accounts.c.passphrase_hash)).scalar_one()
        digests = set(conn.execute(sa.select(t.logins.c.token_digest)).scalars())
    assert stored.startswith("$argon2id$") and PASSPHRASE not in stored
    assert digests == {passphrases.digest(browser), passphrases.digest(other_browser)}


def test_a_wrong_passphrase_and_an_unknown_name_get_the_same_answer(casebook, team):
    invited(casebook, team.id, "GW-2")
    casebook.add_member(team.id, "GW-3", "groepswerker")  # invited, no passphrase yet
    answers = []
    for name, passphrase in (("GW-2", OTHER_PASSPHRASE), ("GW-99", PASSPHRASE),
                             ("GW-3", PASSPHRASE), ("", ""), ("GW-2", PASSPHRASE[:-1])):
        with pytest.raises(SignInFailed) as failed:
            casebook.sign_in(name, passphrase)
        answers.append(str(failed.value))
    assert set(answers) == {SIGN_IN_FAILED}
    events = [row["event"] for row in casebook.audit_log()]
    assert events.count("sign_in_failed") == 5


def test_an_invite_works_once_and_not_after_it_expired(casebook, team):
    _member, token = casebook.add_member(team.id, "GW-2", "groepswerker")
    casebook.accept_invite(token, PASSPHRASE)
    with pytest.raises(SignInFailed, match="verlopen of al gebruikt") as used:
        casebook.accept_invite(token, OTHER_PASSPHRASE)
    assert str(used.value) == INVITE_INVALID
    casebook.sign_in("GW-2", PASSPHRASE)  # the second try changed nothing

    _member, late = casebook.add_member(team.id, "GW-3", "groepswerker")
    set_expiry(casebook, t.invites, t.utcnow() - timedelta(minutes=1))
    assert casebook.invite_name(late) is None
    with pytest.raises(SignInFailed, match="verlopen of al gebruikt"):
        casebook.accept_invite(late, PASSPHRASE)
    with pytest.raises(SignInFailed):
        casebook.accept_invite("geraden-token", PASSPHRASE)


def test_a_short_or_simple_passphrase_is_refused_in_dutch_and_the_invite_stays_usable(
        casebook, team):
    _member, token = casebook.add_member(team.id, "GW-2", "groepswerker")
    with pytest.raises(InvalidInput, match="minstens 12 tekens"):
        casebook.accept_invite(token, "kort wacht1")  # 11 characters
    with pytest.raises(InvalidInput, match="te eenvoudig"):
        casebook.accept_invite(token, "aaaaaaaaaaaaaaaa")
    assert casebook.invite_name(token) == "GW-2"
    casebook.accept_invite(token, "twaalf tekens")  # exactly 12


def test_a_sign_in_ends_at_sign_out_or_when_it_expires(casebook, team):
    principal = invited(casebook, team.id, "GW-2")
    viewer = casebook.viewer(principal, team.id)
    _token, phone = casebook.sign_in("GW-2", PASSPHRASE, label="telefoon")
    other = invited(casebook, team.id, "GW-3")
    casebook.end_login(casebook.viewer(other), phone.id)  # not someone else's
    assert casebook.login_by_token(_token) is not None
    casebook.end_login(viewer, phone.id)
    assert casebook.login_by_token(_token) is None
    casebook.entries(viewer)  # this browser is still signed in
    set_expiry(casebook, t.logins, t.utcnow() - timedelta(seconds=1))
    for refused in (lambda: casebook.entries(viewer), lambda: casebook.viewer(principal)):
        with pytest.raises(NotAllowed):
            refused()


def test_reset_ends_every_sign_in_and_the_old_passphrase(casebook, team):
    principal = invited(casebook, team.id, "GW-2")
    token, _login = casebook.sign_in("GW-2", PASSPHRASE)
    viewer = casebook.viewer(principal)
    invite = casebook.reset_member(team.id, "gw-2")
    assert casebook.login_by_token(token) is None
    with pytest.raises(NotAllowed, match="niet \\(meer\\) aangemeld"):
        casebook.entries(viewer)
    with pytest.raises(SignInFailed):
        casebook.sign_in("GW-2", PASSPHRASE)
    casebook.accept_invite(invite, OTHER_PASSPHRASE)
    casebook.sign_in("GW-2", OTHER_PASSPHRASE)
    with pytest.raises(NotFound):
        casebook.reset_member(team.id, "GW-99")


def test_removal_refuses_the_open_page_at_its_next_store_call_and_keeps_the_answers(
        casebook, team, monkeypatch):
    monkeypatch.setattr(base, "LOGIN_RECHECK", 5.0)  # as in production: trusted for 5 s …
    principal = invited(casebook, team.id, "GW-2")
    viewer = casebook.viewer(principal, team.id)  # a page opened before the removal
    saved = casebook.save_entry(viewer, kind="text", text="Gedeeld met het team (fictief).",
                                visibility="team", final=True)
    casebook.remove_member(team.id, "GW-2")
    base._live_logins.clear()  # … or the 5 seconds are over
    for call in (lambda: casebook.entries(viewer),
                 lambda: casebook.save_entry(viewer, kind="text", text="Nog iets (fictief).")):
        with pytest.raises(NotAllowed) as refused:
            call()
        assert str(refused.value) == VIEWER_REFUSED
    with pytest.raises(NotAllowed, match=NOT_SIGNED_IN):
        casebook.viewer(principal)
    with pytest.raises(SignInFailed):  # the account went with its last team
        casebook.sign_in("GW-2", PASSPHRASE)
    kept = casebook.entries(casebook.system_viewer({team.id}))
    assert [e.id for e in kept] == [saved.id] and kept[0].author == "GW-2"
    assert casebook.accounts_of_team(server_view(casebook), team.id) == []


def test_a_removed_members_name_is_not_handed_to_someone_new(casebook, team):
    casebook.add_member(team.id, "GW-2", "groepswerker")
    casebook.remove_member(team.id, "GW-2")
    with pytest.raises(InvalidInput, match="schreef eerder iemand als 'GW-2'"):
        casebook.add_member(team.id, "GW-2", "groepswerker")
    casebook.add_member(team.id, "GW-2b", "groepswerker")


def test_set_role_changes_what_the_member_may_do_in_that_team_only(casebook, team):
    other_team = casebook.create_team("Team Zuid (fictief)")
    principal = invited(casebook, team.id, "GW-2")
    casebook.add_member(other_team.id, "GW-2", "casemanager")
    member = casebook.set_role(team.id, "GW-2", "gespreksleider")
    assert member.role == "gespreksleider"
    viewer = casebook.viewer(principal, team.id)
    assert viewer.role_in(team.id) == "gespreksleider"
    assert viewer.role_in(other_team.id) == "casemanager"
    with pytest.raises(InvalidInput, match="Onbekende rol"):
        casebook.set_role(team.id, "GW-2", "baas")
    with pytest.raises(NotFound):
        casebook.set_role(team.id, "GW-99", "trainer")


def test_only_a_beheerder_of_the_team_manages_its_members(casebook, team):
    other_team = casebook.create_team("Team Zuid (fictief)")
    admin = casebook.viewer(invited(casebook, team.id, "Beheer-1", "beheerder"), team.id)
    worker = casebook.viewer(invited(casebook, team.id, "GW-2"), team.id)
    casebook.add_member(other_team.id, "Beheer-2", "beheerder")
    for refused in (lambda: casebook.add_member(team.id, "GW-3", "groepswerker", by=worker),
                    lambda: casebook.set_role(team.id, "GW-2", "beheerder", by=worker),
                    lambda: casebook.remove_member(team.id, "Beheer-1", by=worker),
                    lambda: casebook.reset_member(team.id, "Beheer-1", by=worker),
                    lambda: casebook.add_member(other_team.id, "GW-3", "groepswerker", by=admin)):
        with pytest.raises(NotAllowed, match="Alleen een beheerder"):
            refused()
    assert [m.pseudonym for m in casebook.members(server_view(casebook), team.id)] == ["Beheer-1", "GW-2"]
    member, token = casebook.add_member(team.id, "GW-3", "nachtwacht", by=admin)
    assert member.role == "nachtwacht" and casebook.invite_name(token) == "GW-3"
    assert casebook.set_role(team.id, "GW-3", "casemanager", by=admin).role == "casemanager"
    casebook.remove_member(team.id, "GW-3", by=admin)
    events = [(row["event"], row["actor_id"]) for row in casebook.audit_log()]
    assert ("invite", admin.account_id) in events and ("remove", admin.account_id) in events


def test_nobody_gets_a_way_into_an_account_that_already_has_a_passphrase_or_other_teams(
        casebook, team):
    """Adding an existing account to a team never hands out an invite to its passphrase, and a
    beheerder of one team cannot reset someone who is also in a team they do not manage."""
    zuid = casebook.create_team("Team Zuid (fictief)")
    invited(casebook, team.id, "GW-2")
    admin_zuid = casebook.viewer(invited(casebook, zuid.id, "Beheer-2", "beheerder"), zuid.id)
    member, token = casebook.add_member(zuid.id, "gw-2", "casemanager", by=admin_zuid)
    assert token is None and member.pseudonym == "GW-2"  # joins with the account's own name
    member, token = casebook.add_member(zuid.id, "GW-2", "casemanager")  # command line too
    assert token is None and member.role == "casemanager"
    with pytest.raises(NotAllowed, match="ook lid van een team dat je niet beheert"):
        casebook.reset_member(zuid.id, "GW-2", by=admin_zuid)
    casebook.sign_in("GW-2", PASSPHRASE)  # untouched
    casebook.add_member(team.id, "GW-4", "groepswerker")  # invited in Noord, not yet chosen
    _member, token = casebook.add_member(zuid.id, "GW-4", "groepswerker", by=admin_zuid)
    assert token is None
    assert casebook.reset_member(zuid.id, "GW-4")  # the command line may


def test_hand_over_only_by_the_lead_or_a_beheerder(casebook, team):
    lead = casebook.viewer(invited(casebook, team.id, "GL-1", "gespreksleider"), team.id)
    worker = casebook.viewer(invited(casebook, team.id, "GW-2"), team.id)
    admin = casebook.viewer(invited(casebook, team.id, "Beheer-1", "beheerder"), team.id)
    stranger = casebook.add_member(casebook.create_team("Team Zuid (fictief)").id, "GW-9",
                                   "groepswerker")[0]
    session = casebook.start_session(lead, team.id, case_id=None, exercise_id="casusbespreking")
    with pytest.raises(NotAllowed):
        casebook.hand_over(worker, session.id, worker.member_id)
    with pytest.raises(NotFound, match="geen lid van het team"):
        casebook.hand_over(lead, session.id, stranger.id)
    assert casebook.hand_over(lead, session.id, worker.member_id).facilitator_id == worker.member_id
    with pytest.raises(NotAllowed):  # the old lead no longer leads
        casebook.hand_over(lead, session.id, lead.member_id)
    assert casebook.hand_over(admin, session.id, lead.member_id).facilitator_id == lead.member_id
    assert [row["event"] for row in casebook.audit_log()].count("handover") == 2


def test_the_projector_needs_the_newest_link_of_the_lead(casebook, team):
    lead = casebook.viewer(invited(casebook, team.id, "GL-1", "gespreksleider"), team.id)
    worker = casebook.viewer(invited(casebook, team.id, "GW-2"), team.id)
    session = casebook.start_session(lead, team.id, case_id=None, exercise_id="casusbespreking")
    with pytest.raises(NotAllowed):
        casebook.projector_viewer(session.id, "iets")  # no link made yet
    with pytest.raises(NotAllowed):
        casebook.projector_link(worker, session.id)
    first = casebook.projector_link(lead, session.id)
    screen = casebook.projector_viewer(session.id, first)
    assert (screen.member_id, screen.team_ids, screen.login_id) == (None, frozenset({team.id}),
                                                                     None)
    second = casebook.projector_link(lead, session.id)
    for wrong in (first, "", second[:-1], "geraden"):
        with pytest.raises(NotAllowed, match="beamerlink"):
            casebook.projector_viewer(session.id, wrong)
    casebook.projector_viewer(session.id, second)
    with pytest.raises(NotAllowed):
        casebook.save_entry(screen, kind="text", text="Van de beamer (fictief).")


def test_only_a_trainer_or_beheerder_makes_a_course_group_and_a_name_is_used_once(casebook, team):
    worker = casebook.viewer(invited(casebook, team.id, "GW-2"), team.id)
    trainer = casebook.viewer(invited(casebook, team.id, "TR-1", "trainer"), team.id)
    with pytest.raises(NotAllowed, match="Alleen een trainer"):
        casebook.create_cohort(worker, "COMBINE najaar (fictief)")
    cohort = casebook.create_cohort(trainer, "COMBINE najaar (fictief)")
    assert cohort.kind == "cohort"
    assert [(m.pseudonym, m.role) for m in casebook.members(server_view(casebook), cohort.id)] == [("TR-1", "trainer")]
    with pytest.raises(InvalidInput, match="al een cursusgroep met deze naam"):
        casebook.create_cohort(trainer, "COMBINE najaar (fictief)")
    assert len(casebook.teams("cohort")) == 1


def test_two_accounts_keep_separate_journals_and_the_laptop_owner_a_third(casebook, team):
    first, second = (invited(casebook, team.id, name) for name in ("GW-2", "GW-3"))
    mine = casebook.personal_viewer(first)
    theirs = casebook.personal_viewer(second)
    assert mine.team_ids.isdisjoint(theirs.team_ids) and team.id not in mine.team_ids
    assert casebook.personal_viewer(first) == mine  # made once
    casebook.save_entry(mine, kind="text", text="Alleen voor mij (fictief).", final=True)
    casebook.save_entry(mine, kind="text", text="Gedeeld, maar in mijn eigen schrift (fictief).",
                        visibility="team", final=True)
    assert casebook.entries(theirs) == []
    assert casebook.entries(casebook.viewer(second, team.id)) == []
    assert casebook.entries(casebook.local_viewer()) == []
    assert len(casebook.entries(mine, author_id=mine.member_id)) == 2
    with pytest.raises(NotAllowed, match=NOT_SIGNED_IN):
        casebook.personal_viewer(Principal())


def test_a_member_cannot_act_in_a_team_they_are_not_in(casebook, team):
    other_team = casebook.create_team("Team Zuid (fictief)")
    principal = invited(casebook, team.id, "GW-2")
    with pytest.raises(NotAllowed, match="geen lid"):
        casebook.viewer(principal, other_team.id)
    viewer = casebook.viewer(principal, team.id)
    with pytest.raises(NotAllowed):
        casebook.start_session(viewer, other_team.id, case_id=None, exercise_id="casusbespreking")
    for nobody in (Principal(), Principal(login_id=10_000)):
        with pytest.raises(NotAllowed, match=NOT_SIGNED_IN):
            casebook.viewer(nobody)


# -- a viewer the store did not make


SAMPLES = {"name": "GW-5", "role": "groepswerker", "kind": "text", "text": "Fictief.",
           "title": "Casus (fictief)", "summary": "Een fictieve casus.", "what": "Iets doen",
           "owner": "GW-2", "status": "klaar", "note": "Gedaan (fictief).", "reason": "fictief",
           "phase": "context", "exercise_id": "casusbespreking", "due": date(2031, 1, 1)}


def viewer_parameters(method) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(method).parameters.values()
            if "Viewer" in str(p.annotation) or p.name in ("viewer", "by")]


def methods_taking_a_viewer() -> list[str]:
    return sorted(name for name, method in inspect.getmembers(Casebook, inspect.isfunction)
                  if not name.startswith("_") and viewer_parameters(method))


def call_with(cb: Casebook, name: str, viewer: Viewer, ids: dict):
    """Call ``cb.<name>`` with ``viewer`` wherever it takes one and plausible other arguments."""
    method = getattr(Casebook, name)
    takes = {p.name for p in viewer_parameters(method)}
    args, kwargs = [], {}
    for param in inspect.signature(method).parameters.values():
        if param.name == "self" or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.name in takes:
            value = viewer
        elif param.default is not param.empty:
            continue
        elif param.name in ids or param.name in SAMPLES:
            value = ids.get(param.name, SAMPLES.get(param.name))
        else:
            value = uuid4() if "UUID" in str(param.annotation) else None
        if param.kind == param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    return getattr(cb, name)(*args, **kwargs)


def test_the_methods_taking_a_viewer_are_found():
    found = methods_taking_a_viewer()
    assert {"entries", "save_entry", "entries_frame", "add_member", "create_cohort", "hand_over",
            "end_login", "erase_member", "logins", "projector_link"} <= set(found)
    assert len(found) >= 25


def test_a_forged_viewer_is_refused_by_every_store_method_that_takes_one(casebook, team):
    other_team = casebook.create_team("Team Zuid (fictief)")
    principal = invited(casebook, team.id, "Beheer-1", "beheerder")
    real = casebook.viewer(principal, team.id)
    session = casebook.start_session(real, team.id, case_id=None, exercise_id="casusbespreking")
    entry = casebook.save_entry(real, kind="text", text="Echt (fictief).", final=True)
    ids = {"team_id": team.id, "session_id": session.id, "member_id": real.member_id,
           "login_id": real.login_id, "entry_id": entry.id, "case_id": None, "action_id": 1}
    forged = {
        "by hand": Viewer(member_id=real.member_id, team_ids=real.team_ids | {other_team.id},
                          account_id=real.account_id, login_id=real.login_id,
                          roles=((other_team.id, "beheerder"),)),
        "widened copy": dataclasses.replace(real, team_ids=real.team_ids | {other_team.id},
                                            roles=real.roles + ((other_team.id, "beheerder"),)),
        "another member id": dataclasses.replace(real, member_id=real.member_id + 1),
    }
    not_refused = []
    for name in methods_taking_a_viewer():
        for how, viewer in forged.items():
            try:
                call_with(casebook, name, viewer, ids)
            except NotAllowed as refused:
                if str(refused) == VIEWER_REFUSED:
                    continue
                not_refused.append(f"{name} ({how}): {refused}")
            except Exception as other:  # noqa: BLE001 - any other outcome is the finding
                not_refused.append(f"{name} ({how}): {type(other).__name__}: {other}")
            else:
                not_refused.append(f"{name} ({how}): accepted")
    assert not_refused == []
    assert [e.id for e in casebook.entries(real)] == [entry.id]  # nothing was done with them
    assert len(casebook.sessions(real)) == 1
