"""Exceptions the store raises when a text may not be saved as it is; messages are Dutch."""

from __future__ import annotations

from werkboek.casebook.privacy.model import ScanResult

KIND_LABELS = {
    "name": "naam",
    "place": "plaats",
    "address": "adres",
    "postcode": "postcode",
    "phone": "telefoonnummer",
    "email": "e-mailadres",
    "birthdate": "geboortedatum",
    "date": "datum",
    "age": "leeftijd",
    "bsn": "BSN",
    "iban": "rekeningnummer (IBAN)",
    "institution": "instelling",
    "url": "link",
    "id": "nummer",
    "plate": "kenteken",
    "handle": "accountnaam",
}


def _kinds_found(result: ScanResult, *, hard: bool) -> str:
    kinds = dict.fromkeys(KIND_LABELS[f.kind] for f in result.findings if f.hard == hard)
    return ", ".join(kinds)


class PrivacyBlocked(Exception):
    """The text holds hard identifiers (BSN, phone, e-mail, IBAN, address, postcode)."""

    def __init__(self, result: ScanResult):
        self.result = result
        super().__init__(
            "Deze tekst bevat gegevens die nooit worden opgeslagen: "
            f"{_kinds_found(result, hard=True)}. Haal ze weg uit je tekst; de versie "
            "met schuilnamen laat zien hoe het kan."
        )


class PrivacyReview(Exception):
    """The text names people, places or other details the writer must look at first."""

    def __init__(self, result: ScanResult):
        self.result = result
        super().__init__(
            "In deze tekst staan mogelijk echte gegevens: "
            f"{_kinds_found(result, hard=False)}. Gebruik de versie met schuilnamen, "
            "of bevestig dat de tekst verzonnen (fictief) is."
        )
