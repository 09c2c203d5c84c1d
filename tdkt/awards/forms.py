"""Forms of the award pages. They only parse input; the services decide."""

from django import forms

from tdkt.core import clock
from tdkt.core.forms import StyledForm, VnDateField

from .choices import Authority, CommendationKind, DisciplineLevel, InitiativeScope, RatingLevel
from .models import AwardType


def _year_field(label="Năm"):
    this_year = clock.today().year
    return forms.IntegerField(label=label, min_value=1945, max_value=this_year + 1, error_messages={
        "invalid": f"{label}: phải là một số.", "min_value": f"{label}: không được trước 1945.",
        "max_value": f"{label}: không được sau {this_year + 1}."})


class RevocationForm(StyledForm):
    act_number = forms.CharField(label="Số văn bản thu hồi", max_length=50,
                                 error_messages={"required": "Phải ghi số văn bản thu hồi."})
    act_date = VnDateField(label="Ngày văn bản")
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Phải ghi lý do thu hồi."})

    def add_fields(self, user):
        self.fields["act_date"].error_messages["invalid"] = "Ngày văn bản không hợp lệ (dd/mm/yyyy)."


class RatingForm(StyledForm):
    year = _year_field()
    level = forms.ChoiceField(label="Mức xếp loại", choices=RatingLevel.choices)


class AwardEntryForm(StyledForm):
    """Enter one award of the history by hand, with the decision it came from."""

    award_type = forms.ModelChoiceField(queryset=AwardType.objects.all(), label="Danh hiệu, hình thức",
                                        empty_label="— chọn —")
    year = _year_field("Năm thành tích")
    kind = forms.ChoiceField(label="Loại hình", choices=CommendationKind.choices, initial=CommendationKind.REGULAR)
    achievement = forms.CharField(label="Thành tích", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    decision_number = forms.CharField(label="Số quyết định", max_length=50)
    decision_date = VnDateField(label="Ngày quyết định")
    authority = forms.ChoiceField(label="Cấp quyết định", choices=Authority.choices)
    issuer_name = forms.CharField(label="Cơ quan ban hành", max_length=255)

    def add_fields(self, user):
        self.fields["award_type"].label_from_instance = lambda t: f"{t.name} ({t.code})"


class DisciplineForm(StyledForm):
    level = forms.ChoiceField(label="Hình thức kỷ luật", choices=DisciplineLevel.choices)
    start = VnDateField(label="Từ ngày")
    end = VnDateField(label="Đến ngày", required=False)
    decision_number = forms.CharField(label="Số quyết định kỷ luật", max_length=50, required=False)
    reason = forms.CharField(label="Lý do", max_length=500, required=False)


class InitiativeForm(StyledForm):
    title = forms.CharField(label="Tên sáng kiến", max_length=500)
    scope = forms.ChoiceField(label="Phạm vi ảnh hưởng", choices=InitiativeScope.choices)
    year = _year_field()
    recognized_on = VnDateField(label="Ngày công nhận", required=False)


class DecisionForm(StyledForm):
    number = forms.CharField(label="Số, ký hiệu", max_length=50)
    signed_on = VnDateField(label="Ngày ký")
    authority = forms.ChoiceField(label="Cấp quyết định", choices=Authority.choices)
    issuer_name = forms.CharField(label="Cơ quan ban hành", max_length=255)
    signer_name = forms.CharField(label="Người ký", max_length=150, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=200, required=False)
    summary = forms.CharField(label="Trích yếu", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label="Tệp quyết định (PDF, Word)", required=False)

    def clean_file(self):
        from tdkt.core.uploads import check_document

        upload = self.cleaned_data.get("file")
        if upload:
            check_document(upload, allowed=("pdf", "docx"), field_label="Tệp quyết định")
        return upload
