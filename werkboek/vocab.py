"""The workbook's fixed words, each written once: module ids, entry kinds, roles, statuses, months.

These are ids the content format, the casebook's stored rows and the pages all agree on; changing
one here changes it everywhere (a stored value also needs a data migration). This module sits
below every layer (content → casebook → session → ui → report → cli) and imports nothing of
werkboek, so any of them may use it. Capture types are not here: they are the content's
``CaptureType`` enum (``werkboek.content.models``).

Dutch values are what users read; English names are for the code. Entry kinds are stored ids in
English, like the capture types they sit next to; where people read them (the CSV and Excel
export) they get their Dutch word from ``KIND_LABELS``.
"""

from __future__ import annotations

# --- Module ids of the content (fixed ids of the content format: modules/<id>.yaml) ---
LEVEL_MODULE = "dialoog"  # the four levels of dialogue; steps and exercises tag answers with one
TENSION_MODULE = "spanningsvelden"  # the tension fields; poles and polarity-map steps name one
PRINCIPLE_MODULE = "principes"  # the guiding principles
CASE_MODULE = "casussen"  # the cases exercises may start from
LIFE_DOMAIN_MODULE = "leefgebieden"  # the life domains a case touches
QUESTION_MODULE = "vragen"  # asking questions; its written answers go to the question bank
TENSION_STEP_ID = "spanningsveld"  # the step id that asks which tension field an answer is about

# --- Entry kinds, as the casebook stores them (``entries.kind``) ---
# Written answers of the exercise runner in the module `vragen` (the question bank).
QUESTION_KIND = "question"
ROUND_KIND = "round"  # a team's round of reflection after a session
# Other runner answers are stored under their step's capture type (``CaptureType`` value).

# A team session: its control state and what members add in its phases
CONTROL_KIND = "session_control"  # the facilitator's SessionControl (phase, timers, reveals)
CONTRIBUTION_KIND = "contribution"  # a text contribution in a step
HYPOTHESIS_KIND = "hypothesis"
SAFETY_SCALE_KIND = "safety_scale"  # the case discussion's Signs of Safety 0-10 scale
ACTION_PROPOSAL_KIND = "action_proposal"
NOTE_KIND = "note"  # a participant's private note
INTERVENTION_KIND = "intervention"  # the agreed intervention: text = intervention, value = goal + needs

# A course (cohort)
ASSIGNMENT_KIND = "assignment"  # an exercise the trainer gives the group (trainer only)
LEARNING_QUESTION_KIND = "learning_question"
STAND_KIND = "learning_progress"  # where a participant stood on their learning question at a meeting
LOOKBACK_KIND = "look_back"
PROPOSAL_KIND = "proposal"  # a participant's proposal for a next meeting
COURSE_KINDS = frozenset({ASSIGNMENT_KIND, LEARNING_QUESTION_KIND, STAND_KIND, LOOKBACK_KIND,
                          PROPOSAL_KIND})

# Entry kinds casebooks stored in Dutch before migration 0007, and the id they have now: an
# export made before then still imports.
FORMER_ENTRY_KINDS = {
    "sessiestand": CONTROL_KIND,
    "bijdrage": CONTRIBUTION_KIND,
    "hypothese": HYPOTHESIS_KIND,
    "veiligheidsschaal": SAFETY_SCALE_KIND,
    "actievoorstel": ACTION_PROPOSAL_KIND,
    "notitie": NOTE_KIND,
    "interventie": INTERVENTION_KIND,
    "opdracht": ASSIGNMENT_KIND,
    "leervraag": LEARNING_QUESTION_KIND,
    "leervraag-stand": STAND_KIND,
    "terugblik": LOOKBACK_KIND,
    "voorstel": PROPOSAL_KIND,
}
_SEEDS = {new: old for old, new in FORMER_ENTRY_KINDS.items()}


def entry_kind(kind: str) -> str:
    """The kind id as stored now, for a kind id an older casebook or export may hold."""
    return FORMER_ENTRY_KINDS.get(kind, kind)


# The Dutch word for each entry kind: the capture types (``CaptureType`` values) and the kinds
# above. Only the CSV and Excel exports show a kind; pages show an answer by its step.
KIND_LABELS = {
    "text": "tekst",
    "scale": "cijfer",
    "poles": "plek tussen twee polen",
    "choice": "keuze",
    "multi_choice": "keuzes",
    "scales": "cijfer per keuze",
    "hypotheses": "hypothesen",
    "action": "actie",
    "polarity_map": "polariteitenkaart",
    QUESTION_KIND: "vraag voor de vragenbank",
    ROUND_KIND: "reflectieronde",
    CONTROL_KIND: "stand van de bespreking",
    CONTRIBUTION_KIND: "bijdrage",
    HYPOTHESIS_KIND: "hypothese",
    SAFETY_SCALE_KIND: "veiligheidsschaal",
    ACTION_PROPOSAL_KIND: "actievoorstel",
    NOTE_KIND: "notitie",
    INTERVENTION_KIND: "interventie",
    ASSIGNMENT_KIND: "opdracht",
    LEARNING_QUESTION_KIND: "leervraag",
    STAND_KIND: "waar ik sta met mijn leervraag",
    LOOKBACK_KIND: "terugblik",
    PROPOSAL_KIND: "voorstel",
}


def kind_label(kind: str) -> str:
    """The Dutch word for an entry kind (an older Dutch id included); an unknown id as it is."""
    kind = entry_kind(kind)
    return KIND_LABELS.get(kind, kind)


def kind_seed(kind: str) -> str:
    """The name a stable entry id (uuid5) of this kind is derived from: its former Dutch id
    where it had one, so an entry saved before the rename keeps its id (a note, a score)."""
    return _SEEDS.get(kind, kind)


# --- Roles in a team or cohort, and their Dutch labels ---
ADMIN_ROLE = "beheerder"
TRAINER_ROLE = "trainer"
FACILITATOR_ROLE = "gespreksleider"
PARTICIPANT_ROLE = "deelnemer"
# The roles a beheerder can grant in a team or cohort (never chosen by the member).
# "casemanager" is the caseworker's role id, kept: casebooks store it; labelled "Caseworker".
ROLES: tuple[str, ...] = ("groepswerker", "casemanager", "kinderwerker", "nachtwacht",
                          "gedragsdeskundige", FACILITATOR_ROLE, "teamleider", TRAINER_ROLE,
                          PARTICIPANT_ROLE, ADMIN_ROLE, "anders")
# Those who run a course: they see the whole cohort's course pages.
TRAINING_ROLES = (TRAINER_ROLE, ADMIN_ROLE)
ROLE_LABELS = {
    "groepswerker": "Groepswerker",
    "casemanager": "Caseworker",
    "nachtwacht": "Nachtwacht",
    "gedragsdeskundige": "Gedragsdeskundige",
    "kinderwerker": "Kinderwerker",
    "teamleider": "Teamleider",
    TRAINER_ROLE: "Trainer",
    "anders": "Andere rol",
    FACILITATOR_ROLE: "Gespreksleider",
    PARTICIPANT_ROLE: "Deelnemer",
    ADMIN_ROLE: "Beheerder",
    "gast": "Gast",
    "persoonlijk": "Persoonlijk",
}
# Role ids casebooks stored under an older spelling, and the id they mean now.
FORMER_ROLE_IDS = {"kindwerker": "kinderwerker"}


def role_label(role: str) -> str:
    """The Dutch label of a role id (an older spelling included); an unknown id as it is."""
    role = FORMER_ROLE_IDS.get(role, role)
    return ROLE_LABELS.get(role, role)


# --- Follow-up actions: their statuses and the review a team gives them ---
OPEN_STATUSES = ("open", "loopt")  # still to be done
CLOSED_STATUSES = ("klaar", "vervallen")  # done with: erased after the retention period
REVIEW_STATUSES: tuple[str, ...] = ("klaar", "loopt", "vervallen")  # what a review may set
STATUS_LABELS = {"open": "open", "loopt": "loopt nog", "klaar": "klaar", "vervallen": "vervallen"}
REVIEW_CHOICES = (("Klaar", "klaar"), ("Loopt nog", "loopt"), ("Vervallen", "vervallen"))

# --- Entries: who may read one, whether it is finished, how its text passed the privacy check ---
VISIBILITY_LABELS = {"private": "privé", "team": "team", "course": "cursusgroep"}
ENTRY_STATUS_LABELS = {"draft": "concept", "final": "definitief"}
PRIVACY_LABELS = {"check": "gecontroleerd", "accept": "met schuilnamen", "fictional": "verzonnen"}

# --- Teams and cohorts ---
TEAM_KIND_LABELS = {"team": "team", "cohort": "cursusgroep"}

# --- Dates ---
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
