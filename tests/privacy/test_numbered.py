"""A course's parts with their number ("Bijeenkomst 3", "Deel 2", "Spanningsveld 4") are no
address, name or place; real addresses, also beside them, still are (and a numbered word is an
address when the sentence says someone lives there)."""

from __future__ import annotations

import pytest

from werkboek.casebook.privacy.numbered import NUMBERING_WORDS

COURSE_TEXTS = [
    "Bijeenkomst 3 gaat over veiligheid.",
    "Bijeenkomst 12 is de laatste.",
    "In Bijeenkomst 12 oefenen we de casusbespreking.",
    "Deel 1 gaat over taal.",
    "Blok 2 duurt lang.",
    "Module 2 en Les 4 horen bij elkaar.",
    "We doen dat in Module 3 samen.",
    "We doen dat in Antwoord 3 samen.",
    "Spanningsveld 3 gaat over nabijheid en afstand.",
    "Vanaf Bijeenkomst 3 doen we een casusbespreking, zie Hoofdstuk 4 en Stelling 2.",
    "Startbijeenkomst 1 is in de grote zaal.",
    "Punt 2 op de agenda: de voorstellen uit de groep.",
]


@pytest.mark.parametrize("text", COURSE_TEXTS)
def test_a_course_part_with_its_number_is_not_flagged(local_scanner, text):
    assert local_scanner.scan(text).findings == []


@pytest.mark.parametrize("word", NUMBERING_WORDS)
def test_every_numbering_word_with_a_number_passes(local_scanner, word):
    for text in (f"{word.capitalize()} 3 bespreken we samen.", f"Daarna komt {word} 4 aan bod."):
        found = local_scanner.scan(text).findings
        assert not [f for f in found if f.kind == "address" or word in f.text.casefold()], text


@pytest.mark.parametrize(("text", "address"), [
    ("Ze woont aan de Dorpsstraat 12.", "Dorpsstraat 12"),
    ("Ze woont op Kerkweg 3a.", "Kerkweg 3a"),
    ("Dorpsstraat 12 is haar adres.", "Dorpsstraat 12"),
    ("In bijeenkomst 3 vertelde ze over de Dorpsstraat 12.", "Dorpsstraat 12"),
    ("Bijeenkomst 3 is bij ons op de Kerkweg 3a.", "Kerkweg 3a"),
    ("Op de Markt 5 zit de bakker.", "Markt 5"),
    ("Ze woont nu in Blok 2 van de flat.", "Blok 2"),  # a living word before it
    ("Haar adres is Deel 4.", "Deel 4"),
    ("Blok 2, 8011 AB Zwolle", "Blok 2"),  # a postcode after it
])
def test_real_addresses_are_still_found(local_scanner, text, address):
    found = local_scanner.scan(text)
    assert ("address", address) in [(f.kind, f.text.removeprefix("de ")) for f in found.findings]
    assert found.blocked
