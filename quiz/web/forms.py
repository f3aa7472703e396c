"""Flask-WTF forms. Every form carries a CSRF token."""

from __future__ import annotations

from functools import lru_cache

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, IntegerField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from ..content.catalogue import Catalogue
from ..content.scale import ANSWERS
from ..events import places
from ..events import service as events
from ..voter.answers import DEFAULT_MODE, MODES, Answers


class EmptyForm(FlaskForm):
    """A button that changes something (clear answers, delete): only the CSRF token."""


# Radio buttons are written out in the templates; the fields only validate the value.


class StartForm(FlaskForm):
    mode = StringField(default=DEFAULT_MODE, validators=[InputRequired(), AnyOf(MODES)])


class AnswerForm(FlaskForm):
    # Rendered as four submit buttons named "answer" (the HTML form contract).

    class Meta:
        # CSRFProtect has checked the token before any view runs; the form's own check
        # would sign a fresh token for nothing on the quiz's most frequent request.
        csrf = False

    answer = StringField(validators=[InputRequired(), AnyOf(ANSWERS)])


@lru_cache(maxsize=8)
def _weights_form_class(max_weight: int, area_ids: tuple[str, ...]) -> type[FlaskForm]:
    """One form class per catalogue shape (its areas and weight range), built once:
    building a class with a field per area on every request cost more than rendering it."""
    choices = [str(w) for w in range(max_weight + 1)]
    fields = {
        f"w_{area}": StringField(area, validators=[InputRequired(), AnyOf(choices)])
        for area in area_ids
    }
    return type("WeightsForm", (FlaskForm,), fields)


def weights_form(catalogue: Catalogue, current: dict[str, int], formdata=None) -> FlaskForm:
    """One choice of 0 to max_weight per area; shows the voter's weights, else the defaults."""
    form_class = _weights_form_class(catalogue.max_weight, tuple(a.id for a in catalogue.areas))
    data = {f"w_{a.id}": str(current.get(a.id, a.weight)) for a in catalogue.areas}
    if formdata is not None:
        return form_class(formdata=formdata, data=data)
    return form_class(data=data)


def weights_from(form: FlaskForm, catalogue: Catalogue) -> dict[str, int]:
    return {area.id: int(form[f"w_{area.id}"].data) for area in catalogue.areas}


# What the weights fieldsets show checked: area id -> the choice as the form holds it (a
# string), None where a refused POST held nothing usable.
ShownWeights = dict[str, str | None]


def shown_weights(catalogue: Catalogue, weights: dict[str, int]) -> ShownWeights:
    return {area.id: str(weights.get(area.id, area.weight)) for area in catalogue.areas}


def read_weights(catalogue: Catalogue, answers: Answers) -> tuple[ShownWeights, dict | None, int]:
    """The priorities and results pages share this: the weights to show checked, the
    weights a valid POST carries (None on GET or when invalid), and the page's status.
    A GET needs no form object: only a POST has anything to validate."""
    current = answers.weights(catalogue)
    if request.method != "POST":
        return shown_weights(catalogue, current), None, 200
    form = weights_form(catalogue, current)
    shown = {
        area.id: data if isinstance(data := form[f"w_{area.id}"].data, str) else None
        for area in catalogue.areas
    }
    if not form.validate():
        return shown, None, 400
    return shown, weights_from(form, catalogue), 200


def read_marks() -> list[str] | None:
    """The "important to me" marks a POST carries (None on GET). A mark on a statement not
    answered counts for nothing: Answers.with_important drops it, as the score API does."""
    return request.form.getlist("viktig") if request.method == "POST" else None


class EventForm(FlaskForm):
    name = StringField(
        _l("Navn på økta"),
        validators=[InputRequired(), Length(min=1, max=80)],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )
    mode = StringField(default=DEFAULT_MODE, validators=[InputRequired(), AnyOf(MODES)])
    ends = DateTimeLocalField(_l("Slutter"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    kiosk = BooleanField(_l("Felles maskiner (kioskmodus)"))
    # The room, not the minute: how many are expected (capacity is 1.5 times it).
    size = IntegerField(
        default=places.DEFAULT_SIZE,
        validators=[Optional(), NumberRange(min=1, max=places.MAX_SIZE)],
    )
    # "10A, 10B, 10C": a whole year or school in one session; empty for one class.
    groups = StringField(validators=[Optional(), Length(max=1000)])
    # Anyone with the code may send, without seat codes: the teacher's explicit choice,
    # outside the one-voice guarantee (docs/school-sessions.md).
    open_access = BooleanField()


class JoinForm(FlaskForm):
    code = StringField(_l("Kode"), validators=[InputRequired(), Length(max=32)])


class JoinGroupForm(FlaskForm):
    """Joining by the session's link; the group by its number, where there are groups."""

    group = IntegerField(validators=[Optional(), NumberRange(min=1, max=events.MAX_GROUPS)])
    # The student's own seat code from the teacher's slip, in a session with seats.
    seat = StringField(validators=[Optional(), Length(max=40)])


class SeatsForm(FlaskForm):
    """The teacher adds seats (a student more than expected)."""

    count = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=places.MAX_SEATS)])


class DeleteEventForm(FlaskForm):
    confirm = BooleanField(_l("Ja, slett økta og alle svarene nå"), validators=[InputRequired()])
