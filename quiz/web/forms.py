"""Flask-WTF forms. Every form carries a CSRF token."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from ..content.catalogue import Catalogue
from ..scoring.answers import MODES, Answers
from ..scoring.matching import ANSWER_VALUES


class EmptyForm(FlaskForm):
    """A button that changes something (clear answers, delete): only the CSRF token."""


# Radio buttons are written out in the templates; the fields only validate the value.


class StartForm(FlaskForm):
    mode = StringField(default="short", validators=[InputRequired(), AnyOf(MODES)])


class AnswerForm(FlaskForm):
    # Rendered as four submit buttons named "answer" (the HTML form contract).
    answer = StringField(validators=[InputRequired(), AnyOf(tuple(ANSWER_VALUES))])


def weights_form(catalogue: Catalogue, current: dict[str, int], formdata=None) -> FlaskForm:
    """One choice of 0 to max_weight per area, built from the catalogue's areas."""
    choices = [str(w) for w in range(catalogue.max_weight + 1)]

    class WeightsForm(FlaskForm):
        pass

    for area in catalogue.areas:
        setattr(
            WeightsForm,
            f"w_{area.id}",
            StringField(
                area.id,
                default=str(current.get(area.id, area.weight)),
                validators=[InputRequired(), AnyOf(choices)],
            ),
        )
    return WeightsForm(formdata=formdata) if formdata is not None else WeightsForm()


def weights_from(form: FlaskForm, catalogue: Catalogue) -> dict[str, int]:
    return {area.id: int(form[f"w_{area.id}"].data) for area in catalogue.areas}


def read_weights(catalogue: Catalogue, answers: Answers) -> tuple[FlaskForm, dict | None, int]:
    """The priorities and results pages share this: the weights form for these answers,
    the weights a valid POST carries (None on GET or when invalid), and the page's status."""
    form = weights_form(catalogue, answers.weights(catalogue))
    if request.method != "POST":
        return form, None, 200
    if not form.validate():
        return form, None, 400
    return form, weights_from(form, catalogue), 200


class EventForm(FlaskForm):
    name = StringField(
        _l("Navn på hendelsen"),
        validators=[InputRequired(), Length(min=1, max=80)],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )
    mode = StringField(default="short", validators=[InputRequired(), AnyOf(MODES)])
    ends = DateTimeLocalField(_l("Slutter"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    kiosk = BooleanField(_l("Felles maskiner (kioskmodus)"))


class JoinForm(FlaskForm):
    code = StringField(_l("Kode"), validators=[InputRequired(), Length(max=32)])


class DeleteEventForm(FlaskForm):
    confirm = BooleanField(
        _l("Ja, slett hendelsen og alle svarene nå"), validators=[InputRequired()]
    )
