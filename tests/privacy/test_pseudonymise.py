"""The pseudonymised suggestion a writer can accept: placeholders, consistency, no leaks.

All names and numbers are made up (fictief).
"""

from __future__ import annotations

import pytest

from werkboek.casebook.privacy import HARD_KINDS, PrivacyBlocked, PrivacyReview


def test_the_same_name_gets_the_same_placeholder_across_entries_of_a_case(local_scanner):
    first = local_scanner.scan("Fatima kwam gisteren te laat terug met haar dochter Noor.")
    assert first.suggestion == "[naam 1] kwam gisteren te laat terug met haar dochter [naam 2]."
    second = local_scanner.scan("Later sprak ik fatima en Ilse in Zwolle.", mapping=first.mapping)
    assert second.suggestion == "Later sprak ik [naam 1] en [naam 3] in [plaats 1]."
    assert second.mapping == {
        "Fatima": "[naam 1]",
        "Noor": "[naam 2]",
        "Ilse": "[naam 3]",
        "Zwolle": "[plaats 1]",
    }


def test_a_title_stays_readable_in_front_of_the_placeholder(local_scanner):
    result = local_scanner.scan("Mevrouw El Amrani belde met meneer de Vries.")
    assert result.suggestion == "Mevrouw [naam 1] belde met meneer [naam 2]."


def test_an_address_found_in_parts_becomes_one_placeholder(local_scanner):
    result = local_scanner.scan("Fatima de Vries, Dorpsstraat 12 Utrecht")
    assert result.suggestion == "[naam 1], [adres]"
    two = local_scanner.scan("Bel 06-12345678 of 06-87654321.")
    assert two.suggestion == "Bel [telefoonnummer] of [telefoonnummer]."  # two numbers stay two


def test_hard_identifiers_never_reach_the_suggestion_or_the_mapping(local_scanner, labelled):
    for case in labelled:
        result = local_scanner.scan(case["text"])
        for finding in result.findings:
            if finding.hard:
                assert finding.text not in result.suggestion
                assert finding.text not in result.mapping
        for kind, text in case["expect"]:
            if kind in HARD_KINDS:
                assert str(text) not in result.suggestion, case["text"]


def test_blocked_and_review_results_explain_themselves_in_dutch(local_scanner):
    blocked = local_scanner.scan("Bel Amina op 06-12345678.")
    assert blocked.blocked and blocked.flagged
    message = str(PrivacyBlocked(blocked))
    assert message.startswith("Deze tekst bevat gegevens die nooit worden opgeslagen: ")
    assert "telefoonnummer" in message
    assert "Haal ze weg" in message and "neem" not in message.lower()  # no button to take it over
    review = local_scanner.scan("Amina woont in Zwolle.")
    assert review.flagged and not review.blocked
    message = str(PrivacyReview(review))
    assert "naam" in message and "plaats" in message and "fictief" in message
    with pytest.raises(PrivacyReview) as caught:
        raise PrivacyReview(review)
    assert caught.value.result is review


def test_json_form_lists_kind_position_and_text(local_scanner):
    result = local_scanner.scan("Mail naar demo@voorbeeld.nl (fictief).")
    assert result.to_json() == {
        "blocked": True,
        "findings": [{"kind": "email", "start": 10, "end": 27, "text": "demo@voorbeeld.nl"}],
        "suggestion": "Mail naar [e-mail] (fictief).",
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "tekst\x00met\x00nul-bytes van Fatima",
        "مرحبا Fatima שלום ‮omgekeerd‬",
        "Noor 🙂🙂 is blij 👍🏽 en belt 06-12345678 🎉",
    ],
)
def test_odd_input_is_scanned_without_errors(local_scanner, text):
    result = local_scanner.scan(text)
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
    assert ("06-12345678" in text) == result.blocked


def test_a_megabyte_of_text_is_scanned_in_reasonable_time(local_scanner):
    import time

    paragraph = (
        "Fictief verslag: Noor speelde met Toontje in de tuin en het was rustig. "
        "De groepswerker sprak met haar moeder over de weekplanning.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph)) + "Bel 06-12345678."
    started = time.perf_counter()
    result = local_scanner.scan(text)
    seconds = time.perf_counter() - started
    print(f"\n1 MB scan: {seconds:.1f} s, {len(result.findings)} findings")
    assert result.blocked and seconds < 120


def test_a_name_written_in_lower_case_keeps_its_placeholder_in_the_case(local_scanner):
    first = local_scanner.scan("Fictief: Samira de Boer kwam vandaag binnen.")
    assert first.suggestion == "Fictief: [naam 1] kwam vandaag binnen."
    later = local_scanner.scan("Later belde samira de boer nog even.", mapping=first.mapping)
    assert later.suggestion == "Later belde [naam 1] nog even."
    assert later.mapping == first.mapping


@pytest.mark.parametrize(
    "text",
    [
        "Hij zit op de Sint Jozefschool.",
        "Hij zit op de Sint-Jozefschool.",
        "Hij zit op de St. Jozefschool.",
    ],
)
def test_a_school_is_replaced_as_a_whole(local_scanner, text):
    assert local_scanner.scan(text).suggestion == "Hij zit op de [instelling 1]."


def test_ages_are_replaced_but_ranges_of_years_are_not(local_scanner):
    assert local_scanner.scan("Ze is 27 en haar zoon is 6.").suggestion == (
        "Ze is [leeftijd] en haar zoon is [leeftijd]."
    )
    assert not local_scanner.scan("Voor kinderen tussen 0 en 10 jaar is er een groep.").flagged
