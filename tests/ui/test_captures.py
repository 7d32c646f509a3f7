"""Each capture type takes an answer, reports changes, and gives its value back in the agreed shape."""

from __future__ import annotations

import datetime as dt

import pytest

from werkboek.content.models import CaptureType
from werkboek.ui.captures import CAPTURES, CaptureSpec, Option, make_capture

OPTIONS = (Option("veiligheid", "Veiligheid"), Option("wonen", "Wonen"), Option("financien", "Financiën"))
SPEC = CaptureSpec(options=OPTIONS, low="helemaal niet", high="helemaal wel",
                   pole_a="Privacy", pole_b="Bemoeienis")

# Every capture type of the content format, from the format itself: a new type cannot be skipped.
CAPTURE_TYPES = [str(c) for c in CaptureType]

# One answer per capture type, in the value shape of the content format.
ANSWERS = {
    "text": "Ik merk dat ik snel wil ingrijpen (fictief).",
    "scale": 7,
    "poles": 0.25,
    "choice": "wonen",
    "multi_choice": ["veiligheid", "financien"],
    "scales": {"veiligheid": 3, "wonen": 8},
    "hypotheses": ["Ze is bang voor controle", "Het ritme is nieuw voor haar"],
    "action": {"what": "Samen de avondroutine doornemen", "owner": "groepswerker", "due": "2031-05-01"},
    "polarity_map": {"a_up": "rust", "a_down": "eenzaamheid", "b_up": "steun", "b_down": "controle",
                     "warning_signs": "ze trekt zich terug", "what_helps": "vooraf afspreken"},
}


def test_every_capture_type_of_the_format_has_a_widget():
    assert set(CAPTURES) == set(CAPTURE_TYPES) == set(ANSWERS)


@pytest.mark.parametrize("capture_type", CAPTURE_TYPES)
def test_capture_starts_empty_takes_an_answer_and_reports_the_change(capture_type):
    capture = make_capture(capture_type, SPEC)
    changes = []
    capture.observe_change(lambda c: changes.append(c.value))
    assert capture.is_empty()
    capture.value = ANSWERS[capture_type]
    assert capture.value == ANSWERS[capture_type]
    assert not capture.is_empty()
    assert "wb-capture" in capture.widget._dom_classes


@pytest.mark.parametrize("capture_type", CAPTURE_TYPES)
def test_stored_answer_loads_back_without_counting_as_a_change(capture_type):
    source = make_capture(capture_type, SPEC)
    source.value = ANSWERS[capture_type]
    target = make_capture(capture_type, SPEC)
    changes = []
    target.observe_change(lambda c: changes.append(1))
    target.load_entry(**source.entry_fields())
    assert target.value == ANSWERS[capture_type]
    assert changes == []


def test_typing_in_a_text_answer_reports_each_change():
    capture = make_capture("text", SPEC)
    seen = []
    capture.observe_change(lambda c: seen.append(c.value))
    capture.area.value = "Ee"
    capture.area.value = "Een"
    assert seen == ["Ee", "Een"]
    assert capture.area.continuous_update is True
    assert capture.entry_fields() == {"text": "Een", "value": None}


def test_scale_shows_its_range_and_end_words_and_nothing_is_chosen_at_first():
    capture = make_capture("scale", SPEC)
    assert [v for _l, v in capture.buttons.options] == list(range(0, 11))
    assert capture.value is None
    assert "helemaal niet" in capture.widget.children[1].value


def test_poles_show_both_poles_and_count_only_after_the_user_moved_the_slider():
    capture = make_capture("poles", SPEC)
    assert "Privacy" in capture.widget.children[0].value
    assert "Bemoeienis" in capture.widget.children[0].value
    assert capture.is_empty() and capture.value is None
    capture.slider.value = 0.8
    capture.note.value = "Ik ga vaak langs (fictief)."
    assert capture.entry_fields() == {"text": "Ik ga vaak langs (fictief).", "value": 0.8, "position": 0.8}
    assert "Bemoeienis" in capture.summary_html()


def test_multi_choice_value_keeps_the_order_of_the_options():
    capture = make_capture("multi_choice", SPEC)
    capture.boxes["financien"].value = True
    capture.boxes["veiligheid"].value = True
    assert capture.value == ["veiligheid", "financien"]


def test_hypotheses_ignore_empty_lines_and_can_grow():
    capture = make_capture("hypotheses", SPEC)
    capture.add_button.click()
    lines = capture.lines_box.children
    assert len(lines) == 4
    lines[0].value = "  Ze wil niet opvallen  "
    lines[3].value = "Haar kind slaapt slecht"
    assert capture.value == ["Ze wil niet opvallen", "Haar kind slaapt slecht"]


def test_action_due_date_is_stored_as_iso_date():
    capture = make_capture("action", SPEC)
    capture.what.value = "Gesprek plannen"
    capture.due.value = dt.date(2031, 3, 9)
    assert capture.value == {"what": "Gesprek plannen", "owner": "", "due": "2031-03-09"}
    assert "09-03-2031" in capture.summary_html()


def test_polarity_map_asks_about_both_poles_by_name():
    capture = make_capture("polarity_map", SPEC)
    labels = "".join(cell.children[0].description for cell in capture.widget.children)
    assert "Wat levert Privacy op?" in labels and "Wat levert Bemoeienis op?" in labels


@pytest.mark.parametrize("capture_type", CAPTURE_TYPES)
def test_read_back_escapes_what_the_user_typed(capture_type):
    capture = make_capture(capture_type, CaptureSpec(options=(Option("x", "<b>x</b>"),), pole_a="<i>", pole_b="B"))
    nasty = "<script>alert(1)</script>"
    value = {
        "text": nasty, "scale": 3, "poles": 0.5, "choice": "x", "multi_choice": ["x"], "scales": {"x": 2},
        "hypotheses": [nasty], "action": {"what": nasty, "owner": nasty, "due": ""},
        "polarity_map": dict.fromkeys(("a_up", "a_down", "b_up", "b_down", "warning_signs", "what_helps"), nasty),
    }[capture_type]
    capture.value = value
    html = capture.summary_html()
    assert "<script>" not in html and "<b>x</b>" not in html
