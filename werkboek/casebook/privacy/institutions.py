"""Named institutions around a woman: her children's schools and day care, her doctor, her
employer, temp agency or language school.

Three shapes: a kind of institution before its name ("basisschool De Regenboog",
"uitzendbureau Werkmaat"), a name with its kind after it ("Glansrijk Schoonmaak", "Da Costa
Lyceum", "Erasmuscollege"), and a name after a work or course cue ("werkt bij Sprankel",
"de taalcursus bij Taalpunt Lingua").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from werkboek.casebook.privacy.lexicon import WORD, is_sentence_start, lexicon

# Kinds of institutions (also as the end of a compound: "Schoonmaakbedrijf", "Taalschool").
_KINDS = (
    r"\w*(?:school|bedrijf|bureau|instituut|centrum|praktijk|opvang|kliniek)|obs|cbs|sbo|"
    r"kinderdagverblijf|kdv|peuterspeelzaal|bso|ziekenhuis|stichting|college|lyceum|ggz|"
    r"woningcorporatie|sportclub|voetbalclub|moskee|kerk|roc|hogeschool|universiteit|"
    r"bakkerij|restaurant|supermarkt|kapsalon|hotel|fabriek|garage|winkel|"
    r"uitzendgroep|schoonmaak|taalpunt|kinderopvang"
)
_NAME_AFTER_KIND = r"((?:de|het|'t|De|Het|'T)\s)?[A-Z][\w'-]*(?:\s(?:de|het|van|der|[A-Z][\w'-]*))*"
INSTITUTION = re.compile(rf"\b(?i:{_KINDS})\s+{_NAME_AFTER_KIND}")
# With the capitalised words in front that belong to it: "Sint-Jozefschool", "Koningin
# Julianaschool".
INSTITUTION_COMPOUND = re.compile(
    r"\b(?:[A-Z][\w'’.]*[ -])*[A-Z][a-zà-ÿ]+(?:school|college|lyceum|ziekenhuis|kliniek)\b"
)
# A name followed by the kind of business it is: "Glansrijk Schoonmaak", "Tempo Uitzendgroep".
NAME_BEFORE_KIND = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s){1,3}"
    r"(?:Schoonmaak|Schoonmaakdiensten|Uitzendbureau|Uitzendgroep|Uitzendzorg|Personeelsdiensten|"
    r"Bouw|Transport|Logistiek|Zorg|Thuiszorg|Catering|Taalschool|Taalinstituut|Lyceum|College|"
    r"Academie|Holding|Groep|Bakkerij|B\.V\.|BV|VOF)(?!\w)"
)
# Work, school and course cues: the capitalised words after "bij", "via" or "op" name the place.
WORK_CUE = re.compile(
    r"\b(?:werkt|werkte|werken|gewerkt|dienst|stage|baan|contract|cursus|taalcursus|taalles|"
    r"opleiding|inburgering|inburgeringscursus|vrijwilligerswerk|werkgever|solliciteert)\b"
    r"[^.!?\n]{0,30}?\b(?:bij|via)\s+((?:[A-Z][\w'’-]*)(?:\s[A-Z][\w'’-]*){0,3})"
)


# A word before a capitalised one: INSTITUTION is tried only there (a search with its
# case-insensitive alternation at every position of the text costs milliseconds).
WORD_BEFORE_CAPITAL = re.compile(r"\b\w+(?=\s+(?:(?:[Dd]e|[Hh]et|'[tT])\s)?[A-Z])")


def find_institutions(text: str) -> Iterator[tuple[str, int, int]]:
    for word in WORD_BEFORE_CAPITAL.finditer(text):
        if m := INSTITUTION.match(text, word.start()):
            yield "institution", m.start(), m.end()
    lex = lexicon()
    for m in INSTITUTION_COMPOUND.finditer(text):
        words = list(WORD.finditer(m.group()))
        if lex.is_common_word(words[-1].group().casefold()):
            continue  # "Basisschool", "Ziekenhuis": a kind of place, not a named one
        start = m.start()
        # A sentence's first word is capitalised anyway: "De Sint-Jozefschool", "Ook Jozefschool".
        first = words[0].group().casefold()
        if len(words) > 1 and first in lex.common and is_sentence_start(text, start):
            start += words[1].start()
        yield "institution", start, m.end()
    for m in NAME_BEFORE_KIND.finditer(text):
        start = m.start()
        first = WORD.match(text, start)
        if first and first.group().casefold() in lex.common and is_sentence_start(text, start):
            start = text.index(" ", start) + 1  # "Bij Glansrijk Schoonmaak": not "Bij"
        yield "institution", start, m.end()
    for m in WORK_CUE.finditer(text) if "ij " in text or "via " in text else ():
        words = m.group(1).split()
        if not any(lex.is_any_name(w.casefold()) or lex.is_place(w.casefold()) for w in words):
            yield "institution", m.start(1), m.end(1)
