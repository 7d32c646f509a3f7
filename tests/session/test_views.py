"""The session screens as widgets, without a browser: what each person sees after each action."""

from __future__ import annotations

from datetime import date

import ipywidgets
import pytest

from tests.conftest import Immediate
from tests.focus_marks import focus_mark
from tests.session.conftest import text_of
from tests.signin import server_view
from werkboek.ui.session.entrance import Entrance
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.forms import EMPTY_MESSAGE
from werkboek.ui.session.live import LivePoller
from werkboek.ui.session.page import build_session_page
from werkboek.ui.session.participant import ParticipantView
from werkboek.vocab import CONTRIBUTION_KIND


def participant(join, lead, name="GW-1", role="groepswerker"):
    """The participant's screen of ``name``, signed in and joined to ``lead``'s session."""
    return ParticipantView(join(lead, name, role), scheduler=Immediate())


def widgets_with(widget, css_class: str) -> list:
    """The widgets in ``widget``'s tree carrying ``css_class``."""
    found = [widget] if css_class in getattr(widget, "_dom_classes", ()) else []
    return found + [w for child in getattr(widget, "children", ()) for w in widgets_with(child,
                                                                                      css_class)]


def type_and_add(view: ParticipantView, text: str) -> None:
    form = view.forms[0]
    form.capture.value = text
    form.submit()


def test_contribution_reaches_the_others_on_the_next_poll(casebook, lead, content, join):
    facilitator = FacilitatorView(lead)
    facilitator.next.click()
    gw = participant(join, lead)
    nw = participant(join, lead, "NW-1", "nachtwacht")
    type_and_add(gw, "Ze kookt 's avonds alleen (fictief).")
    assert "Ze kookt" not in nw.team.value
    nw.poller.tick()
    assert "Ze kookt" in nw.team.value and "Groepswerker" in nw.team.value
    facilitator.poller.tick()
    assert any("Ze kookt" in getattr(row.children[0], "value", "")
               for row in facilitator.live_box.children if hasattr(row, "children"))


def test_empty_contribution_is_refused_with_a_message(casebook, lead, content, join):
    lead.next_phase()
    gw = participant(join, lead)
    type_and_add(gw, "   ")
    assert EMPTY_MESSAGE in gw.forms[0].status.widget.value
    assert casebook.entries(gw.participation.viewer, session_id=lead.session_id,
                            kind=CONTRIBUTION_KIND) == []


def test_phone_number_is_shown_highlighted_before_anything_is_saved(casebook, lead, content,
                                                                    join):
    lead.next_phase()
    gw = participant(join, lead)
    type_and_add(gw, "Bel de school op 0612345678 <b>morgen</b>.")
    notice = gw.notice.message.value
    assert gw.notice.kind == "blocked"
    assert '<mark class="wb-found">0612345678</mark>' in notice
    assert "&lt;b&gt;morgen&lt;/b&gt;" in notice  # user text escaped
    assert casebook.entries(gw.participation.viewer, session_id=lead.session_id,
                            author_id=gw.participation.member.id) == []


def test_real_looking_name_offers_the_pseudonymised_version(casebook, lead, content, join):
    lead.next_phase()
    gw = participant(join, lead)
    type_and_add(gw, "Fatima de Vries kwam gisteren laat thuis.")
    assert gw.notice.kind == "review"
    gw.notice.accept_button.click()
    gw.poller.tick()
    assert "kwam gisteren laat thuis" in gw.team.value
    assert "Fatima" not in gw.team.value


def clicked_to(lead, phase_id: str) -> FacilitatorView:
    """The facilitator's view, its "Volgende stap" clicked until ``phase_id`` is current."""
    facilitator = FacilitatorView(lead)
    while lead.room.phase.id != phase_id:
        facilitator.next.click()
    return facilitator


def test_hidden_hypotheses_appear_for_everyone_at_once_and_votes_count(casebook, lead, content,
                                                                       join):
    facilitator = clicked_to(lead, "hypothesen")
    gw = participant(join, lead)
    cm = participant(join, lead, "CM-1", "casemanager")
    type_and_add(gw, "Misschien wil ze niet opvallen.")
    type_and_add(cm, "Misschien is ze moe van alle gesprekken.")
    for view in (gw, cm, facilitator):
        view.poller.tick()
    assert "Misschien is ze moe" not in gw.team.value
    assert gw.board is None  # nothing to vote on yet
    assert "2 hypothesen binnen" in cm.team.value
    facilitator.reveal.click()
    gw.poller.tick()
    cm.poller.tick()
    # "Namen tonen" is off: the lead's screen, often the one on the beamer, shows roles only
    assert "Misschien is ze moe" in text_of(facilitator.live_box)
    assert "CM-1" not in text_of(facilitator.live_box) and "GW-1" not in text_of(facilitator.live_box)
    lead.show_names(True)
    facilitator.render()
    assert "CM-1 (Caseworker)" in text_of(facilitator.live_box)
    lead.show_names(False)
    facilitator.render()
    assert gw.board.widget.layout.display != "none"
    assert "Misschien is ze moe" in gw.board.list.value
    assert "Misschien wil ze niet opvallen" in gw.board.list.value
    assert gw.board.picker.value is not None and not gw.board.give.disabled  # ready to vote
    [moe] = [value for label, value in cm.board.picker.options if "moe" in label]
    cm.board.picker.value = moe
    assert cm.board.back.disabled  # nothing to take back yet
    cm.board.give.click()
    assert "nog 2 stemmen over" in cm.board.header.value
    assert "jouw stem: 1" in cm.board.list.value and not cm.board.back.disabled
    gw.poller.tick()
    ranked = gw.board.list.value
    assert ranked.index("Misschien is ze moe") < ranked.index("Misschien wil ze niet opvallen")
    first = ranked.split("</li>")[0]
    assert "Misschien is ze moe" in first and '<span class="wb-votes">1 stem</span>' in first
    assert gw.board.picker.options[0][0].startswith("1. Misschien is ze moe")
    cm.board.give.click()
    cm.board.give.click()  # the last of three votes: "Stem" can no longer be pressed
    assert cm.board.give.disabled and focus_mark(cm.board.back)  # the focus stays on the board


def test_projector_shows_code_timer_and_no_names(casebook, lead, content, join):
    from werkboek.ui.session.entrance import projector_for

    lead.next_phase()
    gw = participant(join, lead)
    type_and_add(gw, "Ze vraagt nooit om hulp (fictief).")
    token = casebook.projector_link(lead.viewer, lead.session_id)
    projector = projector_for(casebook, lead.room.session.join_code, token, content=content)
    assert lead.room.session.join_code in projector.top.value
    assert "wb-timer" in projector.top.value
    assert "Ze vraagt nooit om hulp" in projector.body.value
    assert "GW-1" not in projector.body.value and "Groepswerker" in projector.body.value
    lead.show_names(True)
    projector.poller.tick()
    assert "GW-1" not in projector.body.value  # the projector never shows names


def test_the_projector_opens_only_with_the_newest_link_of_the_facilitator(casebook, lead, content,
                                                                           join, pages_env):
    from urllib.parse import parse_qs

    from werkboek.casebook import NotAllowed
    from werkboek.ui.session.entrance import projector_for

    code = lead.room.session.join_code
    facilitator = FacilitatorView(lead)
    [beamer] = widgets_with(facilitator.widget, "wb-projector-link")
    beamer.click()
    href = facilitator.header.value.split('href="Casusbespreking.ipynb?')[1].split('"')[0]
    query = {k: v[0] for k, v in parse_qs(href.replace("&amp;", "&")).items()}
    assert (query["view"], query["code"]) == ("projector", code)
    assert projector_for(casebook, code, query["beamer"], content=content) is not None
    beamer.click()  # a new link: the old one stops
    for token in (query["beamer"], "", "geraden"):
        with pytest.raises(NotAllowed, match="beamerlink"):
            projector_for(casebook, code, token, content=content)
    page = build_session_page(casebook, parameters={"view": "projector", "code": code,
                                                    "beamer": query["beamer"]}, content=content)
    assert "beamerlink klopt niet" in page.children[0].value
    with pytest.raises(NotAllowed):  # only the facilitator makes a link
        casebook.projector_link(participant(join, lead).participation.viewer, lead.session_id)


def test_second_facilitator_screen_is_told(casebook, lead, content):
    from werkboek.session.facilitator_actions import Facilitation

    other = FacilitatorView(Facilitation(casebook, lead.room.session, lead.viewer, lead.member,
                                         content=content))
    other.next.click()
    assert "ander scherm" in other.lead_banner.value
    assert casebook.session(server_view(casebook), lead.session_id).phase == "terugblik"


def test_closing_stops_polling_and_thanks_participants(casebook, lead, content, join):
    facilitator = FacilitatorView(lead, report_link=lambda _sid: ipywidgets.HTML(
        "verslag-knop"))
    gw = participant(join, lead)
    facilitator.close_button.click()
    assert gw.poller.tick() is False
    assert "afgesloten" in gw.closed.value
    assert facilitator.report_box.children[0].value == "verslag-knop"
    assert facilitator.agreements.layout.display == "none"  # no form that still looks active


def test_taking_over_a_proposal_without_a_date_fills_the_action_form(casebook, lead, content,
                                                                     join):
    facilitator = clicked_to(lead, "acties")
    gw = participant(join, lead)
    gw.forms[0].capture.value = {"what": "Samen de weekplanning maken", "owner": "GW-1",
                                 "due": ""}
    gw.forms[0].submit()
    facilitator.poller.tick()
    [adopt] = widgets_with(facilitator.live_box, "wb-adopt")
    adopt.click()
    assert facilitator.action.value == {"what": "Samen de weekplanning maken", "owner": "GW-1",
                                        "due": ""}  # kept, not emptied
    assert "vul aan wat nog ontbreekt" in facilitator.agreement_status.widget.value
    assert lead.session_actions() == []
    facilitator.action.due.value = date(2031, 5, 1)
    [add] = widgets_with(facilitator.agreements, "wb-add-action")
    add.click()
    [action] = lead.session_actions()
    assert action.what == "Samen de weekplanning maken" and action.due == date(2031, 5, 1)


def test_poller_keeps_going_after_a_failed_round():
    calls = []

    def refresh():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        return True

    changed = []
    poller = LivePoller(refresh, lambda: changed.append(1), is_closed=lambda: False)
    assert poller.tick() is True
    assert poller.tick() is True
    assert changed == [1]


def test_page_without_code_shows_join_and_start_forms(casebook, team, content, pages_env,
                                                      sign_in):
    sign_in(casebook, team.id, "GL-2", "gespreksleider")
    page = build_session_page(casebook, parameters={}, content=content)
    [entrance] = page.children
    assert "wb-entrance" in entrance._dom_classes
    assert widgets_with(entrance, "wb-join-form") and widgets_with(entrance, "wb-start-form")


def test_start_form_starts_a_session_on_a_fictional_seed_case(casebook, team, content, sign_in):
    gl = sign_in(casebook, team.id, "GL-2", "gespreksleider")
    shown = []
    entrance = Entrance(casebook, gl.principal, content=content,
                        on_view=lambda w, p: shown.append(w),
                        facilitator_view=FacilitatorView, participant_view=ParticipantView)
    assert entrance.team.options == ((team.name, team.id),)  # only the visitor's own teams
    entrance.case.value = "seed:nachtdienst"
    entrance.start("check")
    [view] = shown
    assert "wb-facilitator" in view._dom_classes
    [session] = casebook.sessions(gl.viewer())
    assert session.facilitator_id == gl.member.id
    assert casebook.session_by_code(session.join_code) is not None


def test_every_field_of_the_join_and_start_forms_has_a_visible_label(casebook, team, content,
                                                                     sign_in):
    from werkboek.ui.captures import CaptureSpec, make_capture

    gl = sign_in(casebook, team.id, "GL-2", "gespreksleider")
    entrance = Entrance(casebook, gl.principal, content=content, on_view=lambda w, p: None,
                        facilitator_view=FacilitatorView, participant_view=ParticipantView)
    hypotheses = make_capture("hypotheses", CaptureSpec())
    fields = [f for root in (entrance.widget, hypotheses.widget)
              for f in fields_in(root)]
    assert len(fields) >= 8
    unlabelled = [f.placeholder for f in fields if not f.description.strip()]
    assert not unlabelled, f"only a placeholder: {unlabelled}"  # gone once typed, cut on a phone
    assert [f.description for f in fields_in(hypotheses.widget)][:2] == ["Hypothese 1",
                                                                       "Hypothese 2"]


def fields_in(widget) -> list:
    """The text fields in ``widget``'s tree."""
    own = [widget] if isinstance(widget, ipywidgets.Text | ipywidgets.Textarea) else []
    return own + [f for child in getattr(widget, "children", ()) for f in fields_in(child)]


def test_the_start_form_takes_the_day_as_dd_mm_jjjj(casebook, team, content, sign_in):
    gl = sign_in(casebook, team.id, "GL-2", "gespreksleider")
    shown = []
    entrance = Entrance(casebook, gl.principal, content=content,
                        on_view=lambda w, p: shown.append(w),
                        facilitator_view=FacilitatorView, participant_view=ParticipantView)
    assert entrance.held_on.input.value == date.today().strftime("%d-%m-%Y")
    entrance.held_on.input.value = "03/14/2031"  # a browser's own format is not taken
    entrance.start("check")
    assert not shown and "dd-mm-jjjj" in entrance.message.value
    entrance.held_on.input.value = "14-03-2031"
    entrance.start("check")
    [session] = casebook.sessions(gl.viewer())
    assert shown and session.held_on == date(2031, 3, 14)


def test_the_start_form_asks_the_server_for_the_teams_kernels_and_closing_gives_them_back(
        casebook, team, content, monkeypatch, sign_in):
    asked: list[tuple[str, int]] = []
    monkeypatch.setattr("werkboek.session.kernels.ask_for_kernels",
                        lambda page, size: asked.append((page, size)))
    for n in range(4):
        casebook.join_team(team.id, f"GW-{n}", "groepswerker")
    gl = sign_in(casebook, team.id, "GL-2")
    leads = []
    entrance = Entrance(casebook, gl.principal, content=content, on_view=lambda w, p: None,
                        facilitator_view=lambda lead: leads.append(lead) or FacilitatorView(lead),
                        participant_view=ParticipantView)
    assert asked == [("Casusbespreking", 5)]  # a facilitator opened the form: the team follows
    entrance.case.value = "seed:nachtdienst"
    entrance.start("check")
    assert asked[-1] == ("Casusbespreking", 5)  # the facilitator is one of them
    leads[0].close()
    assert asked[-1] == ("Casusbespreking", 0)  # the session is over: given back


def test_wrong_code_in_join_form_gets_a_dutch_message(casebook, team, content, sign_in):
    gw = sign_in(casebook, team.id, "GW-9")
    entrance = Entrance(casebook, gw.principal, content=content, on_view=lambda w, p: None,
                        facilitator_view=FacilitatorView, participant_view=ParticipantView)
    entrance.code.value = "QQQ-QQQ"
    entrance.join()
    assert "hoort niet bij een lopende bespreking" in entrance.message.value
    entrance.code.value = ""
    entrance.resume()  # "Ik ben de gespreksleider" on an empty form
    assert "de bespreking die je leidt" in entrance.message.value
    assert "gespreksleider laat zien" not in entrance.message.value


def test_a_visitor_who_is_not_signed_in_sees_a_sign_in_note_and_no_forms(casebook, lead, content,
                                                                         sign_in, pages_env):
    sign_in.anonymous()
    page = build_session_page(casebook, parameters={"code": lead.room.session.join_code},
                              content=content)
    [entrance] = page.children
    [note] = entrance.children
    assert "wb-sign-in-note" in note._dom_classes and "Meld je aan" in note.value
    assert "werkboek/aanmelden?next=" in note.value and "Casusbespreking.ipynb" in note.value


def test_only_the_lead_resumes_leading_and_a_member_of_another_team_cannot_join(
        casebook, lead, team, content, sign_in):
    from werkboek.markup import esc
    from werkboek.session.participant_actions import NOT_IN_TEAM

    code = lead.room.session.join_code
    gw = sign_in(casebook, team.id, "GW-2")
    entrance = Entrance(casebook, gw.principal, code=code, content=content,
                        on_view=lambda w, p: None, facilitator_view=FacilitatorView,
                        participant_view=ParticipantView)
    entrance.resume()
    assert "Alleen wie deze bespreking leidt" in entrance.message.value
    gl = sign_in(casebook, team.id, "GL-1")
    shown = []
    back = Entrance(casebook, gl.principal, code=code, content=content,
                    on_view=lambda w, p: shown.append(w), facilitator_view=FacilitatorView,
                    participant_view=ParticipantView)
    back.resume()
    assert len(shown) == 1 and "wb-facilitator" in shown[0]._dom_classes
    stranger = sign_in(casebook, casebook.create_team("Team West (fictief)").id, "GW-8")
    outside = Entrance(casebook, stranger.principal, code=code, content=content,
                       on_view=lambda w, p: None, facilitator_view=FacilitatorView,
                       participant_view=ParticipantView)
    outside.join()
    assert esc(NOT_IN_TEAM) in outside.message.value


def test_every_screen_shows_the_cases_life_domains(casebook, team, content, clock, join, sign_in):
    from werkboek.session.facilitator_actions import NewCase, start_session

    gl = sign_in(casebook, team.id, "GL-2", "gespreksleider")
    lead = start_session(
        casebook, team_id=team.id, principal=gl.principal, exercise_id="casusbespreking",
        case=NewCase("Moeder en kind in de ochtend (fictief)",
                     "Een fictieve moeder heeft hulp nodig bij het naar school gaan.",
                     life_domains=("kinderen", "wonen"), privacy="fictional"),
        content=content, clock=clock,
    )
    view = participant(join, lead)
    assert "Leefgebieden: Kinderen" in view.case.value and "Wonen" in view.case.value
    assert "Leefgebieden: Kinderen" in FacilitatorView(lead).case.value


def open_widgets() -> int:
    from ipywidgets.widgets.widget import _instances

    return len(_instances)


def test_a_long_session_does_not_pile_up_widgets_on_any_screen(casebook, lead, content, join):
    facilitator = FacilitatorView(lead)
    facilitator.next.click()
    gw = participant(join, lead)
    nw = participant(join, lead, "NW-1", "nachtwacht")

    def round_of_contributions(n: int) -> None:
        type_and_add(gw, f"Fictief: de avond verliep rustig, ronde {n}.")
        for view in (facilitator, gw, nw):
            view.poller.tick()

    for n in range(3):
        round_of_contributions(n)
    after_three = open_widgets()
    for n in range(3, 23):
        round_of_contributions(n)
    # Twenty more contributions: the facilitator sees twenty more rows (ten models each: boxes,
    # text, button, their layouts and styles); nothing of the twenty redraws stays open (redrawn
    # whole and never closed, the rows of one step alone came to over 2,000 models).
    grown = open_widgets() - after_three
    assert 20 * 10 <= grown <= 20 * 10 + 10
    assert sum("wb-live-row" in row._dom_classes for row in facilitator.live_box.children) == 23


def test_joining_with_a_code_shows_the_join_form_and_starts_only_on_request(
    casebook, lead, content, pages_env, sign_in
):
    sign_in(casebook, lead.room.session.team_id, "GW-3")
    page = build_session_page(casebook, parameters={"code": lead.room.session.join_code},
                              content=content)
    [entrance] = page.children
    [ask] = entrance.children[2].children
    assert ask.description == "Zelf een sessie starten"
    ask.click()
    [form] = entrance.children[2].children
    assert "wb-start-form" in form._dom_classes


def test_the_join_form_is_closed_once_the_participant_is_in(casebook, lead, content, pages_env,
                                                             sign_in):
    gw = sign_in(casebook, lead.room.session.team_id, "GW-7")  # the page's visitor
    page = build_session_page(casebook, parameters={"code": lead.room.session.join_code},
                              content=content)
    [entrance] = page.children
    join_form = entrance.children[1]
    typed = [c.description for c in join_form.children if isinstance(c, ipywidgets.Text)]
    assert typed == ["Code van de bespreking"]  # the code only, labelled: no name or role to type
    join_form.children[2].children[0].click()
    [view] = page.children
    assert "wb-participant" in view._dom_classes
    assert focus_mark(view)  # the focus goes to "Je doet mee als GW-7", not to the page's top
    assert 'class="wb-focus-target" tabindex="-1">Je doet mee als' in view.children[1].value
    assert gw.member.id in {m.id for m in casebook.members(server_view(casebook), lead.room.session.team_id)}
    assert join_form.comm is None  # closed: gone from the kernel and the browser
