"""Context words that tell a name from the same word in ordinary use.

Many names are Dutch words (Visser, de Vos, Bloem, Roos, Wil, Hoop). Dutch writes nouns in
lower case, so a capital in the middle of a sentence already says "name", unless an article
or another determiner stands in front ("de Maat en baat"). At the start of a sentence every
word has a capital; there a word from a name list is a name when a finite verb follows it
directly: a singular noun without an article cannot be the subject ("Visser belde", "Bloem
wil"), while "Hoop doet leven" is a very frequent word, and "Wil je" or "Roos en lelies" have
no verb after the word.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which the next word is a noun, not a name.
DETERMINERS = _words(
    "de het een deze dit elke ieder iedere elk haar zijn hun mijn onze ons jouw uw je "
    "geen welke veel weinig meer minder zo'n zulke zulk enkele sommige alle beide andere "
    "grote kleine goede nieuwe oude mooie echte eigen hele halve"
)
# Words after which a known place name is the place ("uit Putten", "in Best", "naar Haren").
PLACE_PREPOSITIONS = _words("in uit naar vanuit via vanaf richting rond nabij te omgeving")
# Finite verbs (third person, present and past) that follow a subject at the start of a
# clause. A word from a name list right before one of them is a person ("Visser belde").
FINITE_VERBS = _words(
    """
    is was wordt werd heeft had hebben wil wilde kan kon moet moest mag mocht zal zou gaat ging
    komt kwam zegt zei belt belde vertelt vertelde vraagt vroeg woont woonde werkt werkte staat
    stond zit zat ligt lag loopt liep krijgt kreeg doet deed ziet zag weet wist vindt vond houdt
    hield blijft bleef brengt bracht haalt haalde huilt huilde lacht lachte slaapt sliep speelt
    speelde schrijft schreef stuurt stuurde appt appte mailt mailde reageert reageerde meldt
    meldde durft durfde kent kende denkt dacht voelt voelde hoort hoorde zoekt zocht neemt nam
    geeft gaf legt legde maakt maakte eet at drinkt dronk rookt rookte slaat sloeg dreigt dreigde
    volgt volgde past paste leert leerde begint begon stopt stopte wacht wachtte verblijft
    verbleef verhuist verhuisde vlucht vluchtte reist reisde rijdt reed praat praatte spreekt
    sprak antwoordt antwoordde heet heette lijkt leek weigert weigerde kiest koos betaalt betaalde
    """
)
# Capitalised words that name no person although name lists hold them: platforms, languages.
NOT_PERSONS = _words(
    """
    telegram instagram insta snapchat tiktok whatsapp facebook signal discord twitter youtube
    google marktplaats messenger nederlands engels frans duits pools turks arabisch koerdisch
    somalisch tigrinya amhaars dari farsi pasjtoe berbers tamazight spaans portugees russisch
    oekraïens roemeens bulgaars eritrees marokkaans surinaams papiaments
    """
)
# Abstract nouns stand without an article ("Scholing loopt gelijk op"); names do not end so.
NOUN_SUFFIX = re.compile(r"(?:ing|heid|schap|nis|tie|sie|teit|isme|ij|age|uur|iek)$")
# Above this Zipf frequency a word at the start of a sentence is read as the word even when
# a verb follows ("Hoop doet leven", "Best gaat het niet"); below it, as a name.
SENTENCE_START_WORD_ZIPF = 5.0
# A name at the start of a sentence that is this rare as a word needs no verb after it
# ("Semhar is…", "Parwana en haar moeder…"); "Joy en verdriet" (3.9) does.
SENTENCE_START_NAME_ZIPF = 3.5
# A Dutch word with a capital in mid-sentence is a name on a name list below this frequency
# ("nadat Vos haar sloeg", vos 4.2); above it only a first name is ("Team Slot", slot 4.6).
MID_SENTENCE_WORD_ZIPF = 4.5
# A mid-sentence capital is a name when the word is this rare in Dutch; a more frequent word
# only when it is on a name list.
RARE_WORD_ZIPF = 3.0


def is_subject_of(next_word: str) -> bool:
    """``next_word`` (lower case) is a finite verb, so the word before it is the subject."""
    return next_word in FINITE_VERBS


def follows_determiner(previous: str) -> bool:
    """``previous`` (lower case) makes the next word a noun: "de Maat", "een Golf"."""
    return previous in DETERMINERS
