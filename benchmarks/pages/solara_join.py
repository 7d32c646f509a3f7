"""The reference for `session_load`: the session page's join form as a minimal Solara app.

The same fields as werkboek's join form (session code, pseudonym, role, the join button), served
by ``solara run --production`` next to werkboek's Voilà in the same benchmark run, so both get
the same machine, the same browsers and the same 15 visitors at once. Fictional labels only.

    .venv/bin/solara run benchmarks/pages/solara_join.py --production
"""

import solara

ROLES = ["Groepswerker", "Caseworker", "Nachtwacht", "Gedragsdeskundige", "Kinderwerker",
         "Teamleider", "Trainer", "Anders"]


@solara.component
def Page():
    code = solara.use_reactive("")
    pseudonym = solara.use_reactive("")
    role = solara.use_reactive(ROLES[0])
    joined = solara.use_reactive("")

    solara.Markdown("## Meedoen aan een bespreking")
    solara.InputText("Code", value=code, classes=["wb-join-code-input"])
    solara.InputText("Schuilnaam of initialen", value=pseudonym, classes=["wb-join-pseudonym"])
    solara.Select("Rol", values=ROLES, value=role, classes=["wb-join-role"])
    solara.Button("Doe mee", color="primary", classes=["wb-join"],
                  on_click=lambda: joined.set(pseudonym.value))
    if joined.value:
        solara.Text(f"Welkom, {joined.value}.", classes=["wb-participant"])
