"""The grounds of a nomination on the nominee form and the achievement editor: one tick and one
evidence box per ground the award offers (services/grounds.py). Only collects input; the service
validates and writes."""
from __future__ import annotations

from django import forms

from .services.grounds import EVIDENCE_HINTS, EVIDENCE_MAX, ground_label


class GroundsForm(forms.Form):
    """`codes`: the grounds the chosen award offers the subject, in the article's order."""

    def __init__(self, *args, codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = codes
        for code in codes:
            self.fields[f"can_cu_{code}"] = forms.BooleanField(
                label=ground_label(code), required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input ground-tick",
                                                  "aria-controls": f"id_minh_chung_{code}"}))
            self.fields[f"minh_chung_{code}"] = forms.CharField(
                label=f"Minh chứng: {ground_label(code).lower()}", required=False, max_length=EVIDENCE_MAX,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm ground-evidence",
                                              "placeholder": EVIDENCE_HINTS.get(code, "Văn bản, tài liệu kèm theo")}))

    def rows(self):
        """(code, tick field, evidence field) for the template."""
        return [(code, self[f"can_cu_{code}"], self[f"minh_chung_{code}"]) for code in self.codes]

    def stated(self) -> dict[str, str]:
        """{code: evidence} of the ticked grounds (read from the raw data: a live check runs on a
        form that may not be valid yet)."""
        data = self.data if self.is_bound else {k: ("on" if v is True else v) for k, v in self.initial.items()}
        return {code: (data.get(f"minh_chung_{code}") or "").strip() for code in self.codes
                if data.get(f"can_cu_{code}") in ("on", "true", "1", "True")}

    @staticmethod
    def initial_from(claims) -> dict:
        initial = {}
        for claim in claims or []:
            initial[f"can_cu_{claim['code']}"] = True
            initial[f"minh_chung_{claim['code']}"] = claim.get("evidence", "")
        return initial


def live_check(form, url: str, names=("subject_kind", "person", "recipient_unit", "household", "award_type")) -> None:
    """Changing who is proposed or for what re-renders the grounds the award offers with the live
    verdict (htmx, the same view answering the fragment)."""
    for name in names:
        if name in form.fields:
            form.fields[name].widget.attrs.update({
                "hx-post": url, "hx-trigger": "change", "hx-include": "closest form", "hx-params": "not _once",
                "hx-vals": '{"kiem_tra": "1"}', "hx-target": "#grounds-block", "hx-select": "#grounds-block",
                "hx-swap": "outerHTML", "hx-sync": "closest form:replace"})
