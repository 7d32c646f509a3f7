"""One widget class per capture type of the content format, and the registry that picks one.

Every capture has the same interface: ``.widget`` to display, ``.value`` (get/set, in the value
shape of the format), ``.observe_change(callback)``, ``.is_empty()``, ``.entry_fields()`` /
``.load_entry()`` to map to and from a casebook entry, and ``.summary_html()`` for read-back.
The runner and the specific pages (case discussion, dialogue, tension fields) build on these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import ipywidgets as w

from werkboek.content.answer_words import position_words
from werkboek.content.models import CaptureType
from werkboek.markup import esc, paragraphs
from werkboek.ui.fields import DayField, labelled_area, labelled_text
from werkboek.ui.kit import full_width


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class CaptureSpec:
    """What a capture needs to know besides its type; the runner fills it from the content."""

    scale_min: int = 0
    scale_max: int = 10
    low: str = ""
    high: str = ""
    options: tuple[Option, ...] = ()
    pole_a: str = "Pool A"
    pole_b: str = "Pool B"
    placeholder: str = "Schrijf hier je antwoord…"
    label: str = ""  # what the answer is about, for screen readers (a slider's name)


def text_area(placeholder: str = "", rows: int = 4) -> w.Textarea:
    """A full-width text area that syncs while typing (drafts autosave from it)."""
    area = w.Textarea(placeholder=placeholder, rows=rows, continuous_update=True, layout=full_width())
    area.add_class("wb-text")
    return area


def label_html(text: str) -> w.HTML:
    return w.HTML(f'<div class="wb-field-label">{esc(text)}</div>', layout=full_width())


class Capture:
    """Common behaviour: change callbacks (muted while a value is loaded) and entry mapping."""

    capture_type: ClassVar[str] = ""

    def __init__(self, spec: CaptureSpec):
        self.spec = spec
        self._callbacks: list[Callable[[Capture], None]] = []
        self._muted = False
        self.widget: w.Widget = self._build()
        self.widget.add_class("wb-capture")
        self.widget.add_class(f"wb-capture-{self.capture_type.replace('_', '-')}")

    # -- to implement per type
    def _build(self) -> w.Widget:
        raise NotImplementedError

    @property
    def value(self) -> Any:
        raise NotImplementedError

    @value.setter
    def value(self, new: Any) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        raise NotImplementedError

    def summary_html(self) -> str:
        """The answer as escaped HTML for read-back (summary, journal)."""
        raise NotImplementedError

    # -- shared
    def observe_change(self, callback: Callable[[Capture], None]) -> None:
        """``callback(capture)`` after every change the user makes (not when a value is loaded)."""
        self._callbacks.append(callback)

    def _changed(self, *_args) -> None:
        if self._muted:
            return
        for callback in list(self._callbacks):
            callback(self)

    @contextmanager
    def _quiet(self):
        self._muted = True
        try:
            yield
        finally:
            self._muted = False

    def _watch(self, *widgets: w.Widget) -> None:
        for widget in widgets:
            widget.observe(self._changed, names="value")

    def entry_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``Casebook.save_entry`` holding this answer."""
        return {"text": "", "value": self.value}

    def load_entry(self, *, text: str = "", value: Any = None, position: float | None = None) -> None:
        """Show a stored answer again, without firing change callbacks."""
        with self._quiet():
            self.value = value


class TextCapture(Capture):
    capture_type = CaptureType.TEXT

    def _build(self) -> w.Widget:
        self.area = text_area(self.spec.placeholder, rows=6)
        self._watch(self.area)
        return self.area

    @property
    def value(self) -> str:
        return self.area.value

    @value.setter
    def value(self, new: str | None) -> None:
        self.area.value = new or ""

    def is_empty(self) -> bool:
        return not self.area.value.strip()

    def entry_fields(self) -> dict[str, Any]:
        return {"text": self.value, "value": None}

    def load_entry(self, *, text: str = "", value: Any = None, position: float | None = None) -> None:
        with self._quiet():
            self.value = text

    def summary_html(self) -> str:
        return f"<p>{paragraphs(self.value)}</p>"


def scale_ends(spec: CaptureSpec) -> list[w.HTML]:
    """What both ends of the scale mean ([] when the content gives no words for them)."""
    if not (spec.low or spec.high):
        return []
    return [w.HTML(
        f'<div class="wb-scale-ends"><span>{spec.scale_min} = {esc(spec.low)}</span>'
        f"<span>{spec.scale_max} = {esc(spec.high)}</span></div>",
        layout=w.Layout(width="100%", max_width="44rem"),  # both ends stay near the buttons
    )]


class ScaleCapture(Capture):
    """A 0-10 style scale as a row of buttons; nothing is chosen until the user chooses."""

    capture_type = CaptureType.SCALE

    def _build(self) -> w.Widget:
        spec = self.spec
        numbers = list(range(spec.scale_min, spec.scale_max + 1))
        self.buttons = w.ToggleButtons(
            options=[(str(n), n) for n in numbers], value=None, layout=full_width()
        )
        self.buttons.style.button_width = "3.2em"  # room for "10" next to the button padding
        self.buttons.add_class("wb-scale-buttons")
        self._watch(self.buttons)
        return w.VBox([self.buttons, *scale_ends(spec)], layout=full_width())

    @property
    def value(self) -> int | None:
        return self.buttons.value

    @value.setter
    def value(self, new: int | None) -> None:
        self.buttons.value = None if new is None else int(new)

    def is_empty(self) -> bool:
        return self.buttons.value is None

    def summary_html(self) -> str:
        if self.value is None:
            return "<p><em>Geen score gekozen.</em></p>"
        return f"<p>{self.value} (van {self.spec.scale_min} tot {self.spec.scale_max})</p>"


class PolesCapture(Capture):
    """Where you stand between two poles (0 = pole A, 1 = pole B), with an optional why.

    Nothing is chosen until the slider is moved or "Ik sta in het midden" is pressed: a slider
    left where it started says nothing, while someone who stands in the middle can say so.
    """

    capture_type = CaptureType.POLES

    def _build(self) -> w.Widget:
        self._touched = False
        name = self.spec.label or f"Positie tussen {self.spec.pole_a} en {self.spec.pole_b}"
        self.slider = w.FloatSlider(
            value=0.5, min=0.0, max=1.0, step=0.05, readout=False, continuous_update=False,
            description=name, layout=full_width(),  # its name for screen readers (kept hidden)
        )
        self.slider.add_class("wb-poles-slider")
        self.slider.observe(self._slid, names="value")
        poles = w.HTML(
            f'<div class="wb-poles"><span class="wb-pole-a">◀ {esc(self.spec.pole_a)}</span>'
            f'<span class="wb-pole-b">{esc(self.spec.pole_b)} ▶</span></div>',
            layout=full_width(),
        )
        self.middle = w.Button(description="Ik sta in het midden", icon="arrows-h")
        self.middle.add_class("wb-poles-middle")
        self.middle.on_click(lambda _b: self._to_middle())
        self.where = w.HTML(layout=w.Layout(width="auto", flex="1 1 10rem"))
        self.where.add_class("wb-poles-where")
        self._say_where()
        self.note = labelled_area("Waarom sta je hier? (mag leeg blijven)", "wb-poles-note")
        self._watch(self.note)
        row = w.HBox([self.middle, self.where], layout=full_width())
        row.add_class("wb-row")
        return w.VBox([poles, self.slider, row, self.note], layout=full_width())

    def _slid(self, change) -> None:
        if not self._muted:
            self._touched = True
        self._say_where()
        self._changed(change)

    def _to_middle(self) -> None:
        if self.slider.value != 0.5:
            self.slider.value = 0.5  # _slid marks it chosen
            return
        self._touched = True  # already there: the value does not change, the choice does
        self._say_where()
        self._changed()

    def _say_where(self) -> None:
        text = (position_words(self.value, (self.spec.pole_a, self.spec.pole_b))
                if self._touched else "Nog niet gekozen")
        self.where.value = f'<span class="wb-poles-state">{esc(text)}</span>'

    @property
    def value(self) -> float | None:
        return float(self.slider.value) if self._touched else None

    @value.setter
    def value(self, new: float | None) -> None:
        self.slider.value = 0.5 if new is None else min(1.0, max(0.0, float(new)))
        self._touched = new is not None
        self._say_where()

    def is_empty(self) -> bool:
        return not self._touched

    def entry_fields(self) -> dict[str, Any]:
        return {"text": self.note.value, "value": self.value, "position": self.value}

    def load_entry(self, *, text: str = "", value: Any = None, position: float | None = None) -> None:
        with self._quiet():
            self.value = position if position is not None else value
            self.note.value = text or ""

    def summary_html(self) -> str:
        if self.value is None:
            return "<p><em>Nog geen positie gekozen.</em></p>"
        where = position_words(self.value, (self.spec.pole_a, self.spec.pole_b))
        note = f"<br>{paragraphs(self.note.value)}" if self.note.value.strip() else ""
        return f"<p>{esc(where)}{note}</p>"


def _label_of(options: Sequence[Option], option_id: str) -> str:
    return next((o.label for o in options if o.id == option_id), option_id)


class ChoiceCapture(Capture):
    capture_type = CaptureType.CHOICE

    def _build(self) -> w.Widget:
        self.radio = w.RadioButtons(
            options=[(o.label, o.id) for o in self.spec.options], value=None, layout=full_width()
        )
        self._watch(self.radio)
        return self.radio

    @property
    def value(self) -> str | None:
        return self.radio.value

    @value.setter
    def value(self, new: str | None) -> None:
        known = {o.id for o in self.spec.options}
        self.radio.value = new if new in known else None

    def is_empty(self) -> bool:
        return self.radio.value is None

    def summary_html(self) -> str:
        if self.value is None:
            return "<p><em>Niets gekozen.</em></p>"
        return f"<p>{esc(_label_of(self.spec.options, self.value))}</p>"


class MultiChoiceCapture(Capture):
    capture_type = CaptureType.MULTI_CHOICE

    def _build(self) -> w.Widget:
        self.boxes = {
            o.id: w.Checkbox(value=False, description=o.label, indent=False, layout=full_width())
            for o in self.spec.options
        }
        self._watch(*self.boxes.values())
        return w.VBox(list(self.boxes.values()), layout=full_width())

    @property
    def value(self) -> list[str]:
        return [option_id for option_id, box in self.boxes.items() if box.value]

    @value.setter
    def value(self, new: Sequence[str] | None) -> None:
        chosen = set(new or ())
        for option_id, box in self.boxes.items():
            box.value = option_id in chosen

    def is_empty(self) -> bool:
        return not self.value

    def summary_html(self) -> str:
        if not self.value:
            return "<p><em>Niets gekozen.</em></p>"
        items = "".join(f"<li>{esc(_label_of(self.spec.options, v))}</li>" for v in self.value)
        return f"<ul>{items}</ul>"


class ScalesCapture(Capture):
    """A score per option (e.g. per life domain): one ScaleCapture per option."""

    capture_type = CaptureType.SCALES

    def _build(self) -> w.Widget:
        self.scales: dict[str, ScaleCapture] = {}
        rows = scale_ends(self.spec)  # once above all rows, not repeated under each
        row_spec = replace(self.spec, low="", high="")
        for option in self.spec.options:
            scale = ScaleCapture(row_spec)
            scale.observe_change(self._changed)
            self.scales[option.id] = scale
            rows.append(w.VBox([label_html(option.label), scale.widget], layout=full_width()))
        return w.VBox(rows, layout=full_width())

    @property
    def value(self) -> dict[str, int]:
        return {oid: s.value for oid, s in self.scales.items() if s.value is not None}

    @value.setter
    def value(self, new: dict[str, int] | None) -> None:
        new = new or {}
        for option_id, scale in self.scales.items():
            scale.value = new.get(option_id)

    def is_empty(self) -> bool:
        return not self.value

    def summary_html(self) -> str:
        if not self.value:
            return "<p><em>Nog geen scores.</em></p>"
        rows = "".join(
            f"<li>{esc(_label_of(self.spec.options, oid))}: {score}</li>"
            for oid, score in self.value.items()
        )
        return f"<ul>{rows}</ul>"


class HypothesesCapture(Capture):
    """A growing list of short hypotheses; empty lines do not count."""

    capture_type = CaptureType.HYPOTHESES
    START_LINES = 3

    def _build(self) -> w.Widget:
        self.lines_box = w.VBox(layout=full_width())
        self.add_button = w.Button(description="Nog een hypothese", icon="plus")
        self.add_button.add_class("wb-add-hypothesis")
        self.add_button.on_click(lambda _b: self._add_line())
        for _ in range(self.START_LINES):
            self._add_line()
        return w.VBox([self.lines_box, self.add_button], layout=full_width())

    def _add_line(self, text: str = "") -> None:
        number = len(self.lines_box.children) + 1
        line = labelled_text(f"Hypothese {number}", "wb-hypothesis-line",
                             placeholder="Misschien is het zo dat…")
        line.value = text
        line.observe(self._changed, names="value")
        self.lines_box.children = (*self.lines_box.children, line)

    @property
    def value(self) -> list[str]:
        return [line.value.strip() for line in self.lines_box.children if line.value.strip()]

    @value.setter
    def value(self, new: Sequence[str] | None) -> None:
        self.lines_box.children = ()
        for text in new or ():
            self._add_line(text)
        for _ in range(max(1, self.START_LINES - len(new or ()))):
            self._add_line()
        self._changed()

    def is_empty(self) -> bool:
        return not self.value

    def summary_html(self) -> str:
        if not self.value:
            return "<p><em>Nog geen hypothesen.</em></p>"
        return "<ul>" + "".join(f"<li>{esc(h)}</li>" for h in self.value) + "</ul>"


class ActionCapture(Capture):
    """A follow-up action: what, who picks it up, when it is done."""

    capture_type = CaptureType.ACTION

    def _build(self) -> w.Widget:
        self.what = labelled_text("Wat gaan we doen?", "wb-action-what")
        self.owner = labelled_text("Wie pakt het op? (rol of schuilnaam)", "wb-action-owner")
        self.due = DayField("Wanneer klaar?", "wb-action-due")
        self._watch(self.what, self.owner, self.due)
        return w.VBox([self.what, self.owner, self.due.widget], layout=full_width())

    @property
    def value(self) -> dict[str, str]:
        due = self.due.value.isoformat() if self.due.value else ""
        return {"what": self.what.value, "owner": self.owner.value, "due": due}

    @value.setter
    def value(self, new: dict[str, str] | None) -> None:
        new = new or {}
        self.what.value = new.get("what", "")
        self.owner.value = new.get("owner", "")
        self.due.value = dt.date.fromisoformat(new["due"]) if new.get("due") else None

    def is_empty(self) -> bool:
        return not self.what.value.strip()

    def summary_html(self) -> str:
        v = self.value
        if not v["what"].strip():
            return "<p><em>Nog geen actie.</em></p>"
        due = dt.date.fromisoformat(v["due"]).strftime("%d-%m-%Y") if v["due"] else "nog geen datum"
        return f"<p>{esc(v['what'])}<br>Wie: {esc(v['owner'] or '—')} · Klaar: {due}</p>"


class PolarityMapCapture(Capture):
    """A polarity map for one tension field: the up- and downside of each pole, signals, help."""

    capture_type = CaptureType.POLARITY_MAP
    FIELDS = ("a_up", "a_down", "b_up", "b_down", "warning_signs", "what_helps")

    def _questions(self) -> dict[str, str]:
        a, b = self.spec.pole_a, self.spec.pole_b
        return {
            "a_up": f"Wat levert {a} op?",
            "a_down": f"Wat gaat er mis als je doorschiet naar {a}?",
            "b_up": f"Wat levert {b} op?",
            "b_down": f"Wat gaat er mis als je doorschiet naar {b}?",
            "warning_signs": "Waaraan merk je dat de balans zoek raakt?",
            "what_helps": "Wat helpt om beide kanten vast te houden?",
        }

    def _build(self) -> w.Widget:
        self.areas = {name: labelled_area(question, f"wb-map-{name.replace('_', '-')}")
                      for name, question in self._questions().items()}
        self._watch(*self.areas.values())
        cells = [w.VBox([area], layout=full_width()) for area in self.areas.values()]
        grid = w.GridBox(cells, layout=full_width())
        grid.add_class("wb-polarity-grid")
        return grid

    @property
    def value(self) -> dict[str, str]:
        return {name: area.value for name, area in self.areas.items()}

    @value.setter
    def value(self, new: dict[str, str] | None) -> None:
        new = new or {}
        for name, area in self.areas.items():
            area.value = new.get(name, "") or ""

    def is_empty(self) -> bool:
        return not any(v.strip() for v in self.value.values())

    def summary_html(self) -> str:
        rows = [
            f"<dt>{esc(question)}</dt><dd>{paragraphs(self.value[name]) or '—'}</dd>"
            for name, question in self._questions().items()
        ]
        return f'<dl class="wb-summary-map">{"".join(rows)}</dl>'


CAPTURES: dict[str, type[Capture]] = {
    cls.capture_type: cls
    for cls in (
        TextCapture, ScaleCapture, PolesCapture, ChoiceCapture, MultiChoiceCapture,
        ScalesCapture, HypothesesCapture, ActionCapture, PolarityMapCapture,
    )
}


def make_capture(capture_type: str, spec: CaptureSpec | None = None) -> Capture:
    """The capture widget for ``capture_type`` (a KeyError names an unknown type)."""
    return CAPTURES[capture_type](spec or CaptureSpec())
