"""Forms of the council's ballot and the leader's signature; each only collects input, the services
validate and write. (The session set-up and conflict forms stay in `forms.py`.)"""
from django import forms

from tdkt.core.forms import StyledForm, VnDateField

from .choices import BallotChoice
from .forms import ConflictForm, SessionForm

__all__ = ["BallotForm", "ConflictForm", "SessionForm", "SigningForm"]


class BallotForm(forms.Form):
    """The member's ballot paper: one agree/disagree choice per nominee they may vote on. The radio
    buttons are large (a 24 px target at least) and their whole label is clickable, for a phone."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.nominee.recipient_name, help_text=item.nominee.award_type.name,
                choices=BallotChoice.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input ballot-radio"}),
                error_messages={"required": f"{item.nominee.recipient_name}: chưa chọn ý kiến."})
        self.items = items

    def rows(self):
        """(agenda item, bound field) per nominee, for the ballot's stacked rows."""
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def choices(self) -> dict[int, str]:
        return {int(name[5:]): value for name, value in self.cleaned_data.items()}


class SigningForm(StyledForm):
    """The leader signs: only the date is asked; the name and the capacity ("KT. CHỦ TỊCH / PHÓ CHỦ
    TỊCH" or "CHỦ TỊCH") come from the account (services.decisions.signing_capacity)."""

    signed_on = VnDateField(label="Ngày ký")
