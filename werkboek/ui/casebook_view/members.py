"""The team's members, for its beheerder: add someone with a role (an invite link to pass on),
give another role, send a new link, or end someone's access.

Only a beheerder of the team sees this section; the store checks the role again on every change
(``by=viewer``), so the section grants nothing by being shown.
"""

from __future__ import annotations

import os

import ipywidgets as w

from werkboek.casebook.errors import CasebookError
from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview
from werkboek.markup import esc
from werkboek.ui.fields import labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width
from werkboek.vocab import ROLES, role_label


def invite_href(token: str) -> str:
    """The invite link as the member will open it (from the address this page was opened on)."""
    request = os.environ.get("VOILA_REQUEST_URL", "")
    base = os.environ.get("VOILA_BASE_URL", "/")
    origin = request.split(base + "voila/", 1)[0] if "/voila/" in request else ""
    return f"{origin}{base}werkboek/uitnodiging/{token}"


def role_choices() -> list[tuple[str, str]]:
    return [(role_label(role), role) for role in ROLES]


class MembersPanel:
    def __init__(self, cb, viewer, team_id: int):
        self.cb = cb
        self.viewer = viewer
        self.team_id = team_id
        self.list = w.HTML(layout=full_width())
        self.list.add_class("wb-members-list")
        self.message = w.HTML(layout=full_width())
        self.message.add_class("wb-members-message")
        self.name = labelled_text("Schuilnaam", "wb-member-name", placeholder="bijvoorbeeld GW-7",
                                  continuous=False)
        self.role = w.Dropdown(options=role_choices(), value="groepswerker", description="Rol",
                               layout=full_width(), style={"description_width": "initial"})
        self.role.add_class("wb-member-role")
        actions = [("Toevoegen en uitnodigen", "wb-member-add", self.add, "user-plus"),
                   ("Rol geven", "wb-member-set-role", self.set_role, "id-badge"),
                   ("Nieuwe uitnodiging", "wb-member-reset", self.reset, "envelope"),
                   ("Toegang beëindigen", "wb-member-remove", self.remove, "user-times")]
        buttons = []
        for label, css, handler, icon in actions:
            button = w.Button(description=label, icon=icon)
            button.add_class(css)
            button.on_click(guarded(lambda _b, h=handler: h()))
            buttons.append(button)
        row = w.HBox(buttons, layout=full_width(flex_flow="row wrap"))
        row.add_class("wb-row")
        self.widget = w.VBox([
            w.HTML("<p>Je bent beheerder van dit team. Voeg leden toe met een rol; ze krijgen "
                   "een uitnodigingslink (7 dagen geldig, één keer te gebruiken) waarmee ze zelf "
                   "een wachtzin kiezen. Geef de link persoonlijk door.</p>", layout=full_width()),
            self.list, self.name, self.role, row, self.message], layout=full_width())
        self.widget.add_class("wb-members")
        self.refresh()

    def refresh(self) -> None:
        rows = "".join(
            f"<li><strong>{esc(member.pseudonym)}</strong> · {esc(role_label(member.role))} · "
            f"{'aangemeld geweest' if account.has_passphrase else 'uitnodiging open'}</li>"
            for member, account in self.cb.accounts_of_team(self.viewer, self.team_id))
        self.list.value = f"<ul>{rows}</ul>" if rows else "<p>Nog geen leden met een account.</p>"

    def say(self, html: str, *, alert: bool = False) -> None:
        role = "alert" if alert else "status"
        self.message.value = f'<div class="wb-message" role="{role}">{html}</div>'

    def _run(self, action) -> tuple[bool, object]:
        """(done, what the store returned); a refusal is shown and nothing changes."""

        if not self.name.value.strip():
            self.say("Vul de schuilnaam in.", alert=True)
            return False, None
        try:
            result = action(self.name.value.strip())
        except (PrivacyBlocked, PrivacyReview):
            self.say("Dat lijkt een echte naam. Gebruik een schuilnaam of initialen.", alert=True)
            return False, None
        except CasebookError as refused:
            self.say(esc(refused), alert=True)
            return False, None
        self.refresh()
        return True, result

    def _link(self, token: str, what: str) -> None:
        href = invite_href(token)
        self.say(f"{esc(what)} Uitnodigingslink: <code class=\"wb-invite-link\">{esc(href)}</code>")

    def add(self) -> None:
        done, added = self._run(lambda name: self.cb.add_member(
            self.team_id, name, self.role.value, by=self.viewer))
        if done:
            member, token = added
            self._link(token, f"{member.pseudonym} is lid als {role_label(member.role)}.")

    def set_role(self) -> None:
        done, member = self._run(lambda name: self.cb.set_role(
            self.team_id, name, self.role.value, by=self.viewer))
        if done:
            self.say(esc(f"{member.pseudonym} is nu {role_label(member.role)}."))

    def reset(self) -> None:
        done, token = self._run(lambda name: self.cb.reset_member(self.team_id, name,
                                                                  by=self.viewer))
        if done:
            self._link(token, "De oude wachtzin werkt niet meer.")

    def remove(self) -> None:
        name = self.name.value.strip()
        done, _ = self._run(lambda n: self.cb.remove_member(self.team_id, n, by=self.viewer))
        if done:
            self.say(esc(f"{name} heeft geen toegang meer tot dit team; open pagina's werken "
                         "niet meer."))
