"""Word-list rules where deduce is weak: lower-case and foreign names, names without a
title, names after a family or role word ("dochter Noor"), lower-case places,
neighbourhoods and named institutions such as schools.

The name and place lists are deduce's own (read from its package data, lower-cased)
plus our short lists in ``data/``; ``data/ordinary_words.yaml`` keeps ordinary Dutch
words that are also names (``roos``, ``best``) from being flagged on their own.
Lower-case words are also weighed by how common they are in Dutch (wordfreq): a
frequent word such as ``sliep``, ``broers`` or ``waarden`` is read as the word, not as
a name or place, unless a name cue gives it away ("dochter roos").

Beyond these, the field lists (``field_lists``: first names and surnames of every origin,
the world's places) find "Olha", "Tesfay Gebremedhin" and "Charkiv"; since those lists are
full of words, ``name_context`` decides by capital and context ("belt Wil", "Visser belde",
"uit Putten") whether such a word is meant as a name or place.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml
from wordfreq import zipf_frequency

from werkboek.casebook.privacy.field_lists import FieldLists
from werkboek.casebook.privacy.name_context import (
    MID_SENTENCE_WORD_ZIPF,
    NOT_PERSONS,
    NOUN_SUFFIX,
    PLACE_PREPOSITIONS,
    RARE_WORD_ZIPF,
    SENTENCE_START_NAME_ZIPF,
    SENTENCE_START_WORD_ZIPF,
    follows_determiner,
    is_subject_of,
)

DATA = Path(__file__).parent / "data"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Where a sentence, list item or Markdown emphasis starts: "- Kennis…", "**De richting**".
SENTENCE_END = re.compile(r"(?:^|[.!?:;•\n]\s*|[\"“(*_#>]\s*|(?:^|\s)[-–]\s)$")

# Words after which the next word is a person's name when it looks like one.
NAME_CUES = frozenset(
    [
        "dochter",
        "dochtertje",
        "zoon",
        "zoontje",
        "zus",
        "zusje",
        "broer",
        "broertje",
        "moeder",
        "vader",
        "mama",
        "papa",
        "ex",
        "ex-partner",
        "partner",
        "man",
        "vriend",
        "vriendin",
        "oma",
        "opa",
        "tante",
        "oom",
        "neef",
        "nicht",
        "baby",
        "kind",
        "cliënte",
        "client",
        "cliënt",
        "bewoonster",
        "bewoner",
        "mevrouw",
        "meneer",
        "mw",
        "mevr",
        "dhr",
        "heer",
        "juf",
        "meester",
        "buurvrouw",
        "buurman",
        "schoonmoeder",
        "stiefvader",
        "stiefmoeder",
        "echtgenoot",
        "echtgenote",
    ]
)
TITLE_WORDS = ("mevrouw", "meneer", "mevr", "mw", "dhr", "heer", "juf", "meester", "dr", "mr")
TITLES = re.compile(rf"^(?:(?:{'|'.join(TITLE_WORDS)})\.?\s+)+", re.I)
# Zipf frequency in Dutch (log10 of uses per billion words) from which a lower-case word
# counts as ordinary. First names get a higher bar because popular names are frequent as
# names (anna 4.7, emma 4.2, roos 4.2); above it sit "frans", "max", "jan". Surnames and
# place words are ordinary much earlier (soldaat 4.5, heuvels 4.1, bocht 4.1, waarden 4.6)
# while a lone lower-case surname is rare in notes. Calibrated in tests/privacy/test_calibration.py.
FIRST_NAME_COMMON_ZIPF = 4.8
OTHER_COMMON_ZIPF = 3.5
ARTICLES = frozenset(["de", "het", "'t"])  # not "den": Den Haag, Den Bosch, Den Helder
PARTICLES = frozenset(
    ["van", "de", "der", "den", "het", "ter", "ten", "el", "al", "ben", "bin", "abu", "bou"]
)
AGE_AFTER = re.compile(r"\s?\(|,\s\d{1,2},")  # "Yara (8)", "Nina, 5, slaapt…"
NAME_PARTICLES = PARTICLES - ARTICLES  # "Sandra de Wit", not "Volgens het Oranje Huis"
NEIGHBOURHOOD_SUFFIX = re.compile(r"[A-Z][a-zà-ÿ]+(?:wijk|buurt|kwartier|eiland)$")
# "Den Haag Zuidwest", "Amsterdam Nieuw-West", "Rotterdam-Zuid": a place and its district.
DISTRICT = re.compile(
    r"(?:(?:Oud|Nieuw)-)?(?:Noord|Zuid|Oost|West)(?:oost|west)?|Centrum|Oud-\w+|Nieuw-\w+"
)
# Well-ranked field first names are found in lower case below this frequency ("svitlana",
# "precious" 3.0); other field names in lower case only when rarer still.
FIELD_LOWER_FIRST_NAME_ZIPF = 3.2
FIELD_LOWER_ZIPF = 2.0
FIELD_AFTER_CUE_ZIPF = 4.0
OLD_AND_NEW = frozenset(["Oude", "Oud", "Nieuwe", "Nieuw", "Hoge", "Lage"])  # "het Oude Noorden"


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _deduce_lists() -> Path:
    spec = importlib.util.find_spec("deduce")  # locate the data without importing deduce
    return Path(spec.origin).parent / "data" / "lookup" / "src"


def _read_lines(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {line.strip().casefold() for line in handle if line.strip()}


def _read_yaml(name: str) -> set[str]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return {str(item).casefold() for item in yaml.safe_load(handle)}


class Lexicon:
    """The word lists, loaded once per process."""

    def __init__(self) -> None:
        src = _deduce_lists()
        self.ordinary = _read_yaml("ordinary_words.yaml")
        self.stop = _read_lines(src / "whitelist/lst_stop_word/items.txt")
        self.common = self.stop | _read_lines(src / "whitelist/lst_common_word/items.txt")
        self.first_names = _read_lines(src / "names/lst_first_name/items.txt") | _read_yaml(
            "foreign_first_names.yaml"
        )
        foreign_surnames = _read_yaml("foreign_surnames.yaml")
        self.surnames = foreign_surnames | _read_lines(src / "names/lst_surname/items.txt")
        self.names = self.first_names | self.surnames
        self.field = FieldLists()
        places, self.towns = set(), set()
        for items in (src / "locations/lst_placename").glob("*/items.txt"):
            places |= _read_lines(items)
            if items.parent.name != "lst_residence":  # municipalities, provinces, regions
                self.towns |= _read_lines(items)
        self.places = self._by_first_word(places)
        self.neighbourhoods = self._by_first_word(_read_yaml("neighbourhoods.yaml"))
        self.multiword_names = self._by_first_word(n for n in foreign_surnames if " " in n)
        _zipf("de")  # wordfreq reads its Dutch table on first use: do it while loading

    @staticmethod
    def _by_first_word(phrases) -> dict[str, tuple[list[int], set[tuple[str, ...]]]]:
        """Index phrases by their first word: (lengths, longest first; the phrases)."""
        index: dict[str, tuple[list[int], set[tuple[str, ...]]]] = {}
        for phrase in phrases:
            words = tuple(WORD.findall(phrase))
            if words:
                lengths, known = index.setdefault(words[0], ([], set()))
                known.add(words)
                if len(words) not in lengths:
                    lengths.append(len(words))
        for lengths, _ in index.values():
            lengths.sort(reverse=True)
        return index

    def is_name(self, word: str) -> bool:
        """``word`` (lower case) is a known name, also when written with accents: aïsha."""
        return word in self.names or (not word.isascii() and _without_accents(word) in self.names)

    def is_any_name(self, word: str) -> bool:
        """``word`` (lower case) is on a Dutch or a field list of first names or surnames."""
        return self.is_name(word) or self.field.is_name(word) or (
            not word.isascii() and self.field.is_name(_without_accents(word))
        )

    def is_surname(self, word: str) -> bool:
        return word in self.surnames or word in self.field.surnames

    def is_place(self, word: str) -> bool:
        """``word`` (lower case) alone names a Dutch place or a place abroad."""
        return (word,) in self.places.get(word, ((), set()))[1] or word in self.field.places

    def is_field_name_in_lower_case(self, word: str) -> bool:
        """A lower-case word from the field lists that Dutch does not use as a word."""
        if len(word) < 4 or self.is_ordinary(word) or word in NOT_PERSONS:
            return False
        zipf = _zipf(word)
        if word in self.field.well_ranked_first_names:
            return zipf < FIELD_LOWER_FIRST_NAME_ZIPF
        return zipf < FIELD_LOWER_ZIPF and self.field.is_name(word)

    def is_ordinary(self, word: str) -> bool:
        """``word`` (lower case) is on our list of ordinary words or deduce's common words."""
        return word in self.ordinary or word in self.common

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names or (
            not word.isascii() and _without_accents(word) in self.first_names
        )

    def is_common_word(self, word: str) -> bool:
        """``word`` (lower case) is ordinary, or frequent enough in Dutch to be read as a word."""
        if self.is_ordinary(word):
            return True
        limit = FIRST_NAME_COMMON_ZIPF if self.is_first_name(word) else OTHER_COMMON_ZIPF
        return _zipf(word) >= limit

    def is_name_after_cue(self, word: str) -> bool:
        """A lower-case ``word`` right after a name cue: "dochter roos" yes, "kind sliep" no.

        The cue lifts an ordinary word only when it is a first name that is not one of the
        most frequent words ("zoon wil", "man kent").
        """
        if word in self.common:
            return False
        if not self.is_name(word):
            return (
                self.field.is_name(word)
                and not self.is_ordinary(word)
                and _zipf(word) < FIELD_AFTER_CUE_ZIPF
            )
        if self.is_first_name(word):
            return _zipf(word) < FIRST_NAME_COMMON_ZIPF
        return not self.is_common_word(word)

    def is_ordinary_phrase(self, words: list[str], *, lower_case: bool) -> bool:
        """A phrase of ordinary words (given in lower case) is no place: "de groep", "de Bocht",
        and written in lower case "uitweg", "hingen" (hamlets); a municipality such as
        "amsterdam" stays a place however often the word is used."""
        if len(words) > 1 and words[0] in ARTICLES:
            return all(self.is_common_word(w) for w in words[1:])
        if lower_case and " ".join(words) not in self.towns:
            return all(self.is_common_word(w) for w in words)
        return all(self.is_ordinary(w) for w in words)


@functools.lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "nl")


def zipf(word: str) -> float:
    """How frequent ``word`` (lower case) is in Dutch: log10 of uses per billion words."""
    return _zipf(word)


@functools.cache
def lexicon() -> Lexicon:
    return Lexicon()


def is_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[max(0, start - 3) : start]))


def _phrase_at(lowers: list[str], i: int, index) -> int:
    """Number of words from ``i`` that form a phrase in ``index`` (0 when none)."""
    entry = index.get(lowers[i])
    if entry is not None:
        for length in entry[0]:
            if i + length <= len(lowers) and tuple(lowers[i : i + length]) in entry[1]:
                return length
    return 0


class _Tokens:
    """The words of a text with their lower-case forms and what the finder asks about them."""

    def __init__(self, text: str):
        self.text = text
        self.items = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
        self.lowers = [t[0].casefold() for t in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def joined(self, i: int) -> bool:
        """Word ``i`` follows word ``i - 1`` with only spaces or a hyphen between them."""
        return self.text[self.items[i - 1][2] : self.items[i][1]].strip(" -") == ""

    def capital(self, i: int) -> bool:
        return i < len(self.items) and self.items[i][0][0].isupper()

    def mid_sentence(self, i: int) -> bool:
        return not is_sentence_start(self.text, self.items[i][1])

    def next_lower(self, i: int) -> str:
        return self.lowers[i + 1] if i + 1 < len(self.items) and self.joined(i + 1) else ""


def _district_end(tokens: _Tokens, j: int) -> int:
    """Index after a place's district words: "Den Haag Zuidwest", "Amsterdam Nieuw-West"."""
    while j < len(tokens) and tokens.joined(j) and DISTRICT.fullmatch(tokens.items[j][0]):
        j += 1
    return j


def _neighbourhood_length(lex: Lexicon, tokens: _Tokens, i: int) -> int:
    """Words from ``i`` that name a neighbourhood: listed ones, "-wijk" names, districts
    ("Nieuw-West", "het Oude Noorden") and capitalised double names of rare words
    ("Bospolder-Tussendijken", "Rotterdam-Zuid")."""
    word, lower = tokens.items[i][0], tokens.lowers[i]
    length = _phrase_at(tokens.lowers, i, lex.neighbourhoods)
    if length:
        return length
    if not word[0].isupper() or lex.is_ordinary(lower):
        return 0
    if NEIGHBOURHOOD_SUFFIX.match(word):
        return 1
    if not tokens.mid_sentence(i):
        return 0
    if word in OLD_AND_NEW and tokens.capital(i + 1) and tokens.joined(i + 1):
        return 2
    first, _, rest = word.partition("-")
    if rest and rest[0].isupper():
        if DISTRICT.fullmatch(word) or (
            DISTRICT.fullmatch(rest) and (first.casefold() in lex.towns or lex.is_place(first))
        ):
            return 1
        parts = [first, *rest.split("-")]
        if all(p[0].isupper() and _place_part(lex, p) for p in parts):
            return 1
    return 0


def _place_part(lex: Lexicon, part: str) -> bool:
    """One half of "Kralingen-Crooswijk": a place, a "-wijk" name, or a rare word no name."""
    lower = part.casefold()
    if lex.is_place(lower) or NEIGHBOURHOOD_SUFFIX.match(part):
        return True
    return _zipf(lower) < OTHER_COMMON_ZIPF and not lex.is_any_name(lower)


def _world_place_length(lex: Lexicon, tokens: _Tokens, i: int, previous: str) -> int:
    """Words from ``i`` that name a place abroad (or a Dutch place deduce lacks): in capitals
    after "in", "uit", "naar", or mid-sentence when the words are rare in Dutch and no name;
    in lower case only a large place after such a word ("naar lviv")."""
    length = lex.field.place_length(tokens.lowers, i)
    if not length:
        return 0
    words = tokens.lowers[i : i + length]
    if not tokens.capital(i):
        large = " ".join(words) in lex.field.large_places
        common = any(_zipf(w) >= OTHER_COMMON_ZIPF for w in words)
        return length if large and previous in PLACE_PREPOSITIONS and not common else 0
    if not tokens.mid_sentence(i) or (length == 1 and words[0] in lex.stop):
        return 0
    if previous in PLACE_PREPOSITIONS and all(tokens.capital(k) for k in range(i, i + length)):
        return length
    return length if _rare(words) and not lex.is_any_name(words[0]) else 0


def _rare(words) -> bool:
    return all(_zipf(w) < RARE_WORD_ZIPF for w in words)


def _unknown_rare_word(lex: Lexicon, tokens: _Tokens, i: int) -> bool:
    """Word ``i`` is on no list and rare in Dutch: after "uit" or "in", a place."""
    lower = tokens.lowers[i]
    return (
        _zipf(lower) < RARE_WORD_ZIPF
        and not lex.is_ordinary(lower)
        and lower not in NOT_PERSONS
        and not tokens.items[i][0].isupper()
    )


def _full_name_follows(lex: Lexicon, tokens: _Tokens, i: int) -> bool:
    """A surname follows word ``i``: "Hoop Molenaar", "Sandra de Wit", "Tsega Bekele"."""
    j = i + 1
    if j < len(tokens) and tokens.lowers[j] in NAME_PARTICLES and tokens.joined(j):
        j += 1
    if j >= len(tokens) or not tokens.capital(j) or not tokens.joined(j):
        return False
    return _continues_name(lex, tokens, j)


def _continues_name(lex: Lexicon, tokens: _Tokens, j: int) -> bool:
    """Word ``j`` is the next part of a name that has begun."""
    nxt = tokens.lowers[j]
    if nxt in lex.stop or nxt in NOT_PERSONS or (len(nxt) > 1 and tokens.items[j][0].isupper()):
        return False
    if tokens.capital(j):
        return not lex.is_ordinary(nxt) or lex.is_surname(nxt)
    return (lex.is_name(nxt) and not lex.is_ordinary(nxt)) or lex.is_field_name_in_lower_case(nxt)


def _capital_is_name(lex: Lexicon, tokens: _Tokens, i: int, previous: str, after_cue: bool) -> bool:
    """A capitalised word is a name: after a cue, mid-sentence when a name list holds it and
    no determiner precedes it, at the start of a sentence when it is rare as a word or a verb
    or a surname follows it."""
    lower = tokens.lowers[i]
    if lower in NOT_PERSONS:
        return False
    if lower in lex.stop and not (  # "belt Wil", "met Wil": only a name has that capital
        lex.is_first_name(lower) and tokens.mid_sentence(i) and not follows_determiner(previous)
    ):
        return False
    ordinary = lex.is_ordinary(lower)
    any_name = lex.is_any_name(lower)
    if after_cue:
        return any_name or not ordinary
    if _phrase_at(tokens.lowers, i, lex.multiword_names):
        return True
    if tokens.mid_sentence(i):
        zipf = _zipf(lower)
        word = ordinary or zipf >= OTHER_COMMON_ZIPF  # also a Dutch word
        if not word and lex.is_name(lower):
            return True
        if follows_determiner(previous) or (word and i > 0 and tokens.capital(i - 1)):
            return False  # "de Maat", and a title in capitals: "Team Slot", "Leger des Heils"
        if any_name:  # a Dutch word only when rare as a word or a first name: "belt Wil"
            return not word or zipf < MID_SENTENCE_WORD_ZIPF or lex.is_first_name(lower)
        return zipf < RARE_WORD_ZIPF and _full_name_follows(lex, tokens, i)
    zipf = _zipf(lower)
    if _full_name_follows(lex, tokens, i):  # "Hoop Molenaar belde", not "Volgens het Oranje…"
        return (any_name or not ordinary) and (zipf < SENTENCE_START_WORD_ZIPF or lex.is_first_name(lower))
    if not any_name:
        return False
    after = tokens.next_lower(i)
    return (not ordinary and zipf < SENTENCE_START_NAME_ZIPF) or (
        zipf < SENTENCE_START_WORD_ZIPF
        and not NOUN_SUFFIX.search(lower)  # "Scholing loopt…", "Begeleiding is…"
        and (is_subject_of(after) or AGE_AFTER.match(tokens.text, tokens.items[i][2]))
    )


def is_word_at_start(text: str, end: int) -> bool:
    """The first word of a sentence, ending at ``end``, is frequent enough in Dutch to be read
    as the word, and no verb, bracket or surname after it makes it a name ("Joy en verdriet",
    but "Joy belde", "Joy (8)", "Joy Okafor")."""
    tokens = _Tokens(text[: end + 40])
    i = next((k for k, t in enumerate(tokens.items) if t[2] == end), None)
    if i is None or _zipf(tokens.lowers[i]) < SENTENCE_START_NAME_ZIPF:
        return False
    after = tokens.next_lower(i)
    return not (
        is_subject_of(after)
        or AGE_AFTER.match(text, end)
        or _full_name_follows(lexicon(), tokens, i)
    )


def find_names_and_places(text: str) -> Iterator[tuple[str, int, int]]:
    lex = lexicon()
    tokens = _Tokens(text)
    lowers = tokens.lowers
    i, place_ended = 0, -2  # index of the last word of the latest place
    while i < len(tokens):
        word, start, end = tokens.items[i]
        lower = lowers[i]
        capital = word[0].isupper()
        if (len(word) > 1 and word.isupper()) or text.startswith("-", end):
            i += 1  # an acronym (LIMA), or the first half of "semi-zelfstandig"
            continue
        previous = lowers[i - 1] if i else ""
        if previous in ("en", "of") and place_ended == i - 2:
            previous = "naar"  # "via Lagos en Tripoli": the second is a place as well
        after_cue = previous in NAME_CUES
        if (
            after_cue
            and lower in PARTICLES
            and previous in TITLE_WORDS
            and (i < 2 or lowers[i - 2] not in ("de", "een", "die", "deze"))
        ):
            # "meneer de boer": after a title, particles lead to a surname in any case
            # (but "de meneer van de post" is a role, not a title).
            j = i
            while j < len(tokens) - 1 and lowers[j] in PARTICLES and j - i < 3:
                j += 1
            if lex.is_any_name(lowers[j]):
                yield "name", start, tokens.items[j][2]
                i = j + 1
                continue
        length = _neighbourhood_length(lex, tokens, i)
        if length:
            j = _district_end(tokens, i + length)
            yield "place", start, tokens.items[j - 1][2]
            i = j
            continue
        place_length = _phrase_at(lowers, i, lex.places)
        after_place_word = capital and previous in PLACE_PREPOSITIONS and tokens.mid_sentence(i)
        if (
            place_length
            and not after_place_word
            and lex.is_ordinary_phrase(
                lowers[i : i + place_length],
                lower_case=not any(t[0][0].isupper() for t in tokens.items[i : i + place_length]),
            )
        ):
            place_length = 0  # "de groep", "de Bocht": hamlets named like ordinary words
        if not place_length and not after_cue and (capital or previous in PLACE_PREPOSITIONS):
            place_length = _world_place_length(lex, tokens, i, previous)
        if place_length and not after_cue and (lower not in lex.first_names or after_place_word):
            j = _district_end(tokens, i + place_length)
            yield "place", start, tokens.items[j - 1][2]
            i, place_ended = j, j - 1
            continue
        if capital:
            is_name = _capital_is_name(lex, tokens, i, previous, after_cue)
        else:
            # Lower case needs rarity: a known name that is no frequent word, a field name
            # Dutch does not use, or a name cue in front ("dochter roos").
            is_name = not (follows_determiner(previous) and not after_cue) and (
                (not lex.is_common_word(lower) and lex.is_name(lower))
                or (previous in TITLE_WORDS and _surname_after_title(lex, lower))
                or lex.is_field_name_in_lower_case(lower)
                or _phrase_at(lowers, i, lex.multiword_names)
                or (after_cue and lex.is_name_after_cue(lower))
            )
        if is_name:
            j = i + 1
            # Extend over further name words and particles: "jan jansen", "Fatima el Amrani".
            while j < len(tokens) and tokens.joined(j):
                if _continues_name(lex, tokens, j):
                    j += 1
                elif (
                    lowers[j] in PARTICLES
                    and j + 1 < len(tokens)
                    and _surname_after_particle(tokens.items[j + 1][0], lex)
                ):
                    j += 2
                else:
                    break
            yield "name", start, tokens.items[j - 1][2]
            i = j
            continue
        if not place_length and after_place_word and _unknown_rare_word(lex, tokens, i):
            place_length = 1  # "uit Mykolajiv", "in Dekemhare": spelled as no list has it
        if place_length:
            yield "place", start, tokens.items[i + place_length - 1][2]
            i += place_length
            continue
        i += 1


def _surname_after_title(lex: Lexicon, word: str) -> bool:
    """A lower-case word right after "mevrouw" or "meneer" that is a surname, even one that is
    also a word ("mevrouw groen"), but no verb ("mevrouw sliep uit") or stop word."""
    return lex.is_surname(word) and word not in lex.stop and not is_subject_of(word)


def _surname_after_particle(word: str, lex: Lexicon) -> bool:
    """The word after "de", "van", "el" continues a name: "El Amrani"; in lower case only
    a known, not very frequent name word ("samira de boer", not "noor de deur")."""
    lower = word.casefold()
    if word[0].isupper():
        return True
    return lex.is_name(lower) and lower not in lex.common and _zipf(lower) < FIRST_NAME_COMMON_ZIPF


def strip_title(text: str) -> int:
    """Length of a leading title such as "mevrouw " that stays visible in the suggestion."""
    m = TITLES.match(text)
    return m.end() if m else 0
