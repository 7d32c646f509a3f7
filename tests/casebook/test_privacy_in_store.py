"""The store never keeps what the privacy guard refuses, and keeps placeholders consistent.

All names, numbers and places here are made up (fictief).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.signin import server_view
from werkboek.casebook.privacy import PrivacyBlocked, PrivacyReview

NAMED = "Samira de Boer kwam gisteren te laat terug."  # fictief
NAMED_AGAIN = "Later sprak ik Samira de Boer en Petra Jansen."  # fictief
PHONE = "Ze belde vanaf 06-12345678 met haar zus."  # fictief nummer


def stored_texts(casebook) -> list[str]:
    """Every text column the store writes, read straight from the database."""
    with casebook.engine.connect() as conn:
        texts = []
        for table, columns in {
            "entries": ("text", "CAST(value AS TEXT)"),
            "cases": ("title", "summary"),
            "members": ("pseudonym",),
            "actions": ("what", "owner", "review_note"),
            "case_pseudonyms": ("original_hash", "placeholder"),
            "audit": ("event", "object_id"),
        }.items():
            for column in columns:
                texts += [row[0] or "" for row in conn.execute(sa.text(f"SELECT {column} FROM {table}"))]
        return texts


def test_names_are_refused_in_check_mode_and_nothing_is_stored(scene):
    cb = scene.casebook
    with pytest.raises(PrivacyReview) as caught:
        cb.save_entry(scene.worker, kind="text", text=NAMED, session_id=scene.session.id)
    assert "Samira" in {f.text.split()[0] for f in caught.value.result.findings}
    assert cb.entries(scene.worker) == []


@pytest.mark.parametrize("privacy", ["check", "fictional"])
def test_hard_identifiers_are_refused_even_when_called_fictional(scene, privacy):
    cb = scene.casebook
    with pytest.raises(PrivacyBlocked):
        cb.save_entry(scene.worker, kind="text", text=PHONE, session_id=scene.session.id,
                      privacy=privacy)
    assert cb.entries(scene.worker) == []
    assert not any("12345678" in text for text in stored_texts(cb))


def test_accepting_stores_placeholders_the_same_for_the_same_name_within_a_case(scene):
    cb = scene.casebook
    first = cb.save_entry(scene.worker, kind="text", text=NAMED, session_id=scene.session.id,
                          privacy="accept")
    second = cb.save_entry(scene.lead, kind="text", text=NAMED_AGAIN,
                           session_id=scene.session.id, privacy="accept")
    placeholder = first.text.split(" kwam")[0]
    assert placeholder.startswith("[naam")
    assert second.text.startswith(f"Later sprak ik {placeholder} en [naam")
    assert second.text.count(placeholder) == 1 and "[naam" in second.text.split(" en ")[1]
    texts = " ".join(stored_texts(cb)).lower()
    assert "samira" not in texts and "jansen" not in texts  # not even in the mapping


def test_accepting_replaces_hard_identifiers_too(scene):
    entry = scene.casebook.save_entry(scene.worker, kind="text", text=PHONE,
                                      session_id=scene.session.id, privacy="accept")
    assert "12345678" not in entry.text and "[telefoonnummer]" in entry.text


def test_strings_inside_an_answer_value_are_scanned(scene):
    cb = scene.casebook
    with pytest.raises(PrivacyReview):
        cb.save_entry(scene.worker, kind="hypotheses", value=["Ze is bang.", NAMED],
                      session_id=scene.session.id)
    entry = cb.save_entry(scene.worker, kind="hypotheses", value=["Ze is bang.", NAMED],
                          session_id=scene.session.id, privacy="accept")
    assert entry.value[0] == "Ze is bang." and "Samira" not in entry.value[1]


def test_fictional_text_is_kept_as_typed_and_audited_without_content(scene):
    cb = scene.casebook
    entry = cb.save_entry(scene.worker, kind="text", text=NAMED, session_id=scene.session.id,
                          privacy="fictional")
    assert entry.text == NAMED and entry.privacy == "fictional"
    with cb.engine.connect() as conn:
        audit = conn.execute(sa.text("SELECT event, object_type, object_id FROM audit")).all()
    assert ("fictional_text", "entry", str(entry.id)) in [tuple(row) for row in audit]


def test_pseudonyms_case_texts_and_actions_are_scanned(scene):
    cb = scene.casebook
    with pytest.raises(PrivacyReview):
        cb.join_team(scene.team.id, "Petra Jansen", "groepswerker")
    with pytest.raises(PrivacyBlocked):
        cb.create_case(scene.lead, scene.team.id, "Casus (fictief)", PHONE)
    with pytest.raises(PrivacyReview):
        cb.add_action(scene.lead, session_id=scene.session.id, what=NAMED, owner="GW-2",
                      due="2026-12-01")
    action = cb.add_action(scene.lead, session_id=scene.session.id, what=NAMED, owner="GW-2",
                           due="2026-12-01", privacy="accept")
    assert "Samira" not in action.what
    assert [m.pseudonym for m in cb.members(server_view(cb), scene.team.id)] == ["GD-1", "GW-2"]
    assert len(cb.cases(scene.lead)) == 1
