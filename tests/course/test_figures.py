"""The course's group figures without pages or a casebook (werkboek/course/figures.py): a figure
of the group needs at least three people, and shows values in no order that points at a person."""

from __future__ import annotations

from types import SimpleNamespace

from werkboek.course.figures import MIN_GROUP, group_values, scale_of, tension_ends


def placed(person: int, tension: str, position: float) -> SimpleNamespace:
    """A shared answer that places ``person`` on a tension field (only the fields read here)."""
    return SimpleNamespace(author_id=person, tension=tension, position=position)


def test_a_group_figure_needs_three_people_and_hides_who_gave_what():
    assert MIN_GROUP == 3
    assert group_values({}) is None
    assert group_values({21: 7, 22: 3}) is None  # two people: each could tell the other's
    assert group_values({21: 7, 22: 3, 23: 5}) == (3, 5, 7)  # sorted, not in people's order


def test_a_tension_field_shows_first_and_last_places_only_once_three_people_stood_on_it():
    entries = [placed(1, "privacy-bemoeienis", 0.2), placed(2, "privacy-bemoeienis", 0.4),
               placed(3, "privacy-bemoeienis", 0.9), placed(1, "privacy-bemoeienis", 0.8),
               placed(1, "veiligheid-autonomie", 0.5), placed(2, "veiligheid-autonomie", 0.5)]
    start, end = tension_ends(entries)
    assert start == {"privacy-bemoeienis": (0.2, 0.4, 0.9)}  # the second field had two people
    assert end == {"privacy-bemoeienis": (0.4, 0.8, 0.9)}  # person 1 moved from 0.2 to 0.8


def test_only_a_whole_number_counts_as_a_stand():
    assert scale_of(SimpleNamespace(value={"schaal": 4})) == 4
    assert scale_of(SimpleNamespace(value={"schaal": "4"})) is None
    assert scale_of(SimpleNamespace(value=None)) is None
