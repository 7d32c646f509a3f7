"""The Dutch pages of signing in: plain HTML forms that work on a 360 px phone without scripts."""

from __future__ import annotations

from html import escape

STYLE = """
body { margin: 0; background: #faf8f9; color: #1d2430; font: 18px/1.5 "Segoe UI", "Noto Sans",
  "Helvetica Neue", Arial, sans-serif; }
main { box-sizing: border-box; max-width: 28rem; margin: 0 auto; padding: 1rem 0.9rem 3rem; }
h1 { color: #7a2e5b; font-size: 1.7rem; margin: 0.4rem 0 0.8rem; }
.brand { font-weight: 700; color: #7a2e5b; text-decoration: underline; }
label { display: block; font-weight: 600; margin: 0.9rem 0 0.2rem; }
label.check { font-weight: 400; display: flex; gap: 0.5rem; align-items: center; }
input[type=text], input[type=password] { box-sizing: border-box; width: 100%; font: inherit;
  padding: 0.55rem; border: 2px solid #6b6470; border-radius: 6px; }
input[type=checkbox] { width: 1.5rem; height: 1.5rem; }
input:focus, button:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
button { font: inherit; margin-top: 1.1rem; min-height: 2.8rem; padding: 0.4rem 1.2rem;
  background: #7a2e5b; color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
button.quiet { background: #fff; color: #7a2e5b; border: 2px solid #7a2e5b; margin-top: 0.3rem; }
.message { background: #fff4e0; border-left: 4px solid #8a4b00; padding: 0.5rem 0.8rem;
  border-radius: 4px; }
.ok { background: #eaf6ee; border-left-color: #1f6b3a; }
.hint { color: #4b4550; font-size: 0.9em; }
ul.devices { list-style: none; padding: 0; }
ul.devices li { border: 1px solid #d9d3d8; border-radius: 8px; padding: 0.5rem 0.8rem;
  margin: 0.5rem 0; background: #fff; }
a { color: #7a2e5b; }
"""


def page(title: str, body: str, *, home: str, status: str = "") -> str:
    """A whole page; ``home`` is the server's root (links work under a prefix too)."""
    note = f'<p class="message" role="alert">{escape(status)}</p>' if status else ""
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · werkboek</title><style>{STYLE}</style></head><body><main>"
        f'<p><a class="brand" href="{escape(home)}">werkboek</a></p><h1>{escape(title)}</h1>{note}{body}'
        "</main></body></html>"
    )


def sign_in_form(xsrf: str, next_url: str, name: str = "", *, no_accounts: bool = False) -> str:
    intro = (
        '<p class="hint">Er zijn in dit casebook nog geen accounts. De beheerder maakt ze met '
        "<code>werkboek member add TEAM SCHUILNAAM --role ROL</code> en geeft je een "
        "uitnodigingslink.</p>"
        if no_accounts else
        '<p class="hint">Je schuilnaam en wachtzin kreeg je via de uitnodiging van je '
        "beheerder.</p>"
    )
    return (
        f'{intro}<form method="post" action="aanmelden">{xsrf}'
        f'<input type="hidden" name="next" value="{escape(next_url)}">'
        '<label for="naam">Schuilnaam</label>'
        f'<input type="text" id="naam" name="naam" value="{escape(name)}" '
        'autocomplete="username" autocapitalize="none" spellcheck="false" required>'
        '<label for="wachtzin">Wachtzin</label>'
        '<input type="password" id="wachtzin" name="wachtzin" autocomplete="current-password" '
        "required>"
        '<label class="check"><input type="checkbox" name="onthoud" value="1"> '
        "Onthoud dit apparaat (30 dagen)</label>"
        '<p class="hint">Alleen op een apparaat dat van jou is.</p>'
        "<button type=\"submit\">Aanmelden</button></form>"
    )


def invite_form(xsrf: str, token: str, name: str) -> str:
    return (
        f"<p>Welkom, <strong>{escape(name)}</strong>. Kies een wachtzin waarmee je voortaan "
        "inlogt: minstens 12 tekens, bijvoorbeeld een paar woorden die alleen jij kent.</p>"
        f'<form method="post" action="{escape(token)}">{xsrf}'
        '<label for="wachtzin">Wachtzin</label>'
        '<input type="password" id="wachtzin" name="wachtzin" autocomplete="new-password" '
        'minlength="12" required>'
        '<label for="nogmaals">Nog een keer dezelfde wachtzin</label>'
        '<input type="password" id="nogmaals" name="nogmaals" autocomplete="new-password" '
        'minlength="12" required>'
        '<button type="submit">Wachtzin opslaan en aanmelden</button></form>'
    )


def devices_page(xsrf: str, name: str, logins, current_id: int | None, home: str) -> str:
    items = []
    for login in logins:
        here = " (dit apparaat)" if login.id == current_id else ""
        kept = "onthouden" if login.remember else "tot het einde van de dag"
        items.append(
            f"<li><strong>{escape(login.label)}{here}</strong><br>"
            f'<span class="hint">aangemeld {login.created_at.astimezone():%d-%m-%Y %H:%M}, '
            f"{kept}</span>"
            f'<form method="post" action="apparaten">{xsrf}'
            f'<input type="hidden" name="login" value="{login.id}">'
            f'<button class="quiet" type="submit">Afmelden op dit apparaat</button></form></li>'
        )
    return (
        f"<p>Je bent aangemeld als <strong>{escape(name)}</strong>. Hier zie je waar je nog "
        "meer bent aangemeld. Herken je een apparaat niet? Meld het af en vraag je beheerder "
        "om een nieuwe uitnodiging.</p>"
        f'<ul class="devices">{"".join(items)}</ul>'
        f'<form method="post" action="afmelden">{xsrf}<button type="submit">Afmelden</button></form>'
        f'<p><a href="{escape(home)}">Terug naar werkboek</a></p>'
    )
