"""Entry kinds are English ids, like the capture types stored next to them: the session's and
the course's Dutch kinds are renamed (``entries.kind``; no other table stores a kind).

The mapping is written out here (a frozen copy, as every migration): the workbook's own list is
``werkboek.vocab.FORMER_ENTRY_KINDS``, which an import of an older export also uses.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RENAMED = {
    "sessiestand": "session_control",
    "bijdrage": "contribution",
    "hypothese": "hypothesis",
    "veiligheidsschaal": "safety_scale",
    "actievoorstel": "action_proposal",
    "notitie": "note",
    "interventie": "intervention",
    "opdracht": "assignment",
    "leervraag": "learning_question",
    "leervraag-stand": "learning_progress",
    "terugblik": "look_back",
    "voorstel": "proposal",
}

_RENAME = sa.text("UPDATE entries SET kind = :new WHERE kind = :old")


def _rename(pairs: dict[str, str]) -> None:
    bind = op.get_bind()
    for old, new in pairs.items():
        bind.execute(_RENAME, {"old": old, "new": new})


def upgrade() -> None:
    _rename(RENAMED)


def downgrade() -> None:
    _rename({new: old for old, new in RENAMED.items()})
