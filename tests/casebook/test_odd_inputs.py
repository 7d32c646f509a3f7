"""Odd input is stored exactly or refused with a clear Dutch message: never a crash."""

from __future__ import annotations

import pytest

from werkboek.casebook import InvalidInput

EXACT = {
    "empty": "",
    "html": '<script>alert("x")</script><b>vet</b> &amp; <img src=x onerror=alert(1)>',
    "right-to-left": "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd \u200f(fictief)",
    "emoji": "Het ging goed \U0001f60a\U0001f44d\U0001f3fd en daarna \U0001f62d",
    "sql": "'); DROP TABLE entries; --",
    "one megabyte": ("Fictieve notitie over het dagritme en de afspraken. " * 20_000)[:1_000_000],
}


@pytest.mark.parametrize("name", EXACT)
def test_text_is_stored_exactly(scene, name):
    text = EXACT[name]
    entry = scene.casebook.save_entry(scene.worker, kind="text", text=text,
                                      session_id=scene.session.id, final=True)
    (back,) = scene.casebook.entries(scene.worker)
    assert back.text == text and entry.text == text


def test_nul_characters_are_removed_on_every_database(scene):
    entry = scene.casebook.save_entry(scene.worker, kind="text", text="voor\x00na",
                                      value={"k": "a\x00b"}, session_id=scene.session.id)
    assert (entry.text, entry.value) == ("voorna", {"k": "ab"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("half \ud800 teken", "geen geldige tekst"),
        ("x" * 1_000_001, "te lang"),
    ],
)
def test_unstorable_text_gets_a_dutch_error_and_nothing_is_stored(scene, text, message):
    with pytest.raises(InvalidInput, match=message):
        scene.casebook.save_entry(scene.worker, kind="text", text=text,
                                  session_id=scene.session.id)
    assert scene.casebook.entries(scene.worker) == []


def test_values_that_are_not_json_are_refused(scene):
    with pytest.raises(InvalidInput):
        scene.casebook.save_entry(scene.worker, kind="scale", value=float("nan"))
    with pytest.raises(InvalidInput):
        scene.casebook.save_entry(scene.worker, kind="scale", value=object())
    assert scene.casebook.entries(scene.worker) == []
