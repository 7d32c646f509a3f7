"""Single rules of the guard, each with a case that fails when the rule breaks.

All plates, numbers, names and accounts are made up (fictief).
"""

from __future__ import annotations

import pytest

from werkboek.casebook.privacy.field_lists import FieldLists
from werkboek.casebook.privacy.ids import _SIDE_CODES

# One fictional plate in each of the 14 Dutch side codes, in the order of ids._SIDE_CODES.
PLATES = [
    "GX-12-34", "12-34-GX", "12-GX-34", "GX-12-KT", "GX-KT-12", "12-GX-KT", "12-GXK-3",
    "1-GXK-23", "GX-123-K", "G-123-KT", "GXK-12-T", "G-12-KTX", "1-GX-234", "123-GX-4",
]  # fmt: skip


def _found(scanner, text):
    return [(f.kind, f.text) for f in scanner.scan(text).findings]


def test_every_side_code_of_a_dutch_plate_is_found(local_scanner):
    assert len(PLATES) == len(_SIDE_CODES)
    for plate in PLATES:
        assert _found(local_scanner, f"De auto met {plate} stond voor de deur.") == [
            ("plate", plate)
        ]


def test_nine_digits_that_fail_the_bsn_check_are_still_an_id(local_scanner):
    assert _found(local_scanner, "Het polisnummer is 123456780.") == [("id", "123456780")]
    assert _found(local_scanner, "Zijn BSN is 111222333.") == [("bsn", "111222333")]


@pytest.mark.parametrize(
    "text",
    [
        "Mijn antwoord 2 was kort.",
        "Antwoord 2 was kort.",
        "Het plan geldt voor schooljaar 2023/2024.",
        "We kozen voor een 50/50 verdeling.",
        "Covid-19 heeft veel veranderd.",
        "Om 14.00u begint de groep.",
    ],
)
def test_a_word_or_years_next_to_a_number_are_no_address_or_id(local_scanner, text):
    assert _found(local_scanner, text) == []


def test_a_street_with_its_number_is_still_an_address(local_scanner):
    assert _found(local_scanner, "Ze woont op de Markt 5 in een bovenwoning.") == [
        ("address", "Markt 5")
    ]


def test_a_name_after_a_sentence_opener_is_the_name_alone(local_scanner):
    assert _found(local_scanner, "Volgens Jan Bakker was het een rustige nacht.") == [
        ("name", "Jan Bakker")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij stuurt berichten als @zwartevalk_88.", ("handle", "@zwartevalk_88")),
        ("Haar Instagram is lena.fictief_23.", ("handle", "lena.fictief_23")),
        ("De link bit.ly/3Fx9kQz ging rond.", ("url", "bit.ly/3Fx9kQz")),
        ("Op 14 februari kwam ze binnen.", ("date", "14 februari")),
        ("Haar zoon (9) slaapt slecht.", ("age", "9")),
        ("Ze heeft een dochter van 2 en een zoon.", ("age", "2")),
    ],
)
def test_small_facts_around_a_person(local_scanner, text, expected):
    assert expected in _found(local_scanner, text)


def test_the_field_lists_hold_names_and_places_of_every_origin():
    field = FieldLists()
    for name in ["olha", "małgorzata", "semhar", "zarmina", "chidinma", "blessing"]:
        assert name in field.first_names, name
    for surname in ["bondarenko", "wiśniewska", "habtemariam", "ahmadzai", "okafor"]:
        assert surname in field.surnames, surname
    for place in ["charkiv", "nador", "wrocław", "asmara", "herat"]:
        assert place in field.places, place
    assert field.place_length(["benin", "city"], 0) == 2
    # Frequent Dutch words are left out of the name lists (a name such as Wil is on deduce's).
    for word in ["van", "wil", "best", "man"]:
        assert word not in field.first_names and word not in field.surnames, word
