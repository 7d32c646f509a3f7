"""Page "Start": what werkboek is, the three ways to use it, every page, open follow-up actions,
and the glossary."""

from __future__ import annotations

import ipywidgets as w

from werkboek.markup import esc
from werkboek.ui import visitor
from werkboek.ui.identity import sign_in_note
from werkboek.ui.kit import full_width
from werkboek.ui.registry import PAGES, page_href

INTRO = """
<p>Werkboek helpt je team om samen te leren van het werk in de opvang. Je denkt na over
situaties uit de praktijk, legt je gedachten vast en leest ze later terug. Alles komt in één
gezamenlijk <strong>casebook</strong>. Je schrijft nooit echte namen of adressen op: werkboek
kijkt mee en stelt schuilnamen voor.</p>
"""
WAYS = (
    ("Teamsessie", "Eén keer per maand bespreken jullie samen een casus in drie stappen, of "
     "een thema. "
     "Iemand begeleidt; de anderen doen mee met een korte code op laptop of telefoon.",
     "Casusbespreking"),
    ("Cursus", "Trainers gebruiken werkboek in de cursus: modules, oefeningen en de leervragen "
     "die deelnemers meenemen.", "Trainer"),
    ("Persoonlijk", "Je eigen reflectie: je doet een oefening wanneer het jou uitkomt en leest "
     "je antwoorden terug in Mijn reflecties. Wat privé is, blijft privé.", "Oefeningen"),
)
PAGE_BLURBS = {
    "Oefeningen": "Alle oefeningen, stap voor stap.",
    "Casusbespreking": "De maandelijkse casusbespreking in drie stappen.",
    "Dialoog": "Dialooggestuurd werken op vier niveaus.",
    "Spanningsvelden": "Zeven spanningsvelden: twee kanten die je in balans houdt.",
    "Principes": "De leidende principes: samen met bewoners, en voor werkers.",
    "Casebook": "Zoeken in wat het team vastlegde, en de vervolgacties.",
    "Trainer": "Overzicht van de cursus voor trainers.",
    "Mijn-reflecties": "Je eigen antwoorden teruglezen.",
}


def ways_html() -> str:
    cards = "".join(
        f'<div class="wb-card wb-way"><h3>{esc(title)}</h3><p>{esc(text)}</p>'
        f'<p><a href="{page_href(target)}">Naar {esc(target.replace("-", " ").lower())}</a></p></div>'
        for title, text, target in WAYS
    )
    return f'<h2>Drie manieren om werkboek te gebruiken</h2><div class="wb-principles">{cards}</div>'


def pages_html() -> str:
    rows = "".join(
        f'<li><a href="{page_href(p.notebook)}">{esc(p.title)}</a> — {esc(PAGE_BLURBS[p.notebook])}</li>'
        for p in PAGES
        if p.notebook in PAGE_BLURBS
    )
    return f'<h2>Alle pagina\'s</h2><ul class="wb-page-links">{rows}</ul>'


def actions_html(cb, viewer) -> str:
    """Open follow-up actions of the viewer's teams, soonest first ('' when there are none)."""
    actions = [a for team_id in sorted(viewer.team_ids) for a in cb.actions(viewer, team_id, open_only=True)]
    if not actions:
        return ""
    rows = "".join(
        f"<li><strong>{esc(a.what)}</strong> — {esc(a.owner)}, klaar op {a.due.strftime('%d-%m-%Y')}</li>"
        for a in sorted(actions, key=lambda a: a.due)
    )
    return f'<div class="wb-card wb-open-actions"><h2>Open vervolgacties</h2><ul>{rows}</ul></div>'


def build() -> w.Widget:
    # the store (SQLAlchemy) and content (~0.15 s) after the frame: Start's has neither
    from werkboek.casebook import open_casebook
    from werkboek.content import load_content
    from werkboek.content.glossary_html import glossary_html

    # The entrance shows itself to everyone; the open actions only to whom they belong: signed
    # in, those of every team the visitor is in; the laptop's owner, their own.
    anonymous = visitor.principal().anonymous
    actions = ""
    if not anonymous:
        cb = open_casebook()
        viewer = visitor.viewer(cb) if visitor.signed_in() else visitor.personal_viewer(cb)
        actions = actions_html(cb, viewer)
    body = w.HTML(INTRO + actions + ways_html() + pages_html() + glossary_html(load_content()),
                  layout=full_width())
    body.add_class("wb-start")
    if anonymous:
        return w.VBox([sign_in_note("Start", "Het overzicht van open vervolgacties"), body],
                      layout=full_width())
    return body
