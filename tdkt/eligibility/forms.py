"""The timely-awards filter form: the award and year asked, and who to list."""

from django import forms

from tdkt.core import clock
from tdkt.core.forms import StyledForm
from tdkt.core.widgets import SearchSelect, unit_context
from tdkt.core.years import WORK_YEARS
from tdkt.org.models import Unit
from tdkt.rules.catalogue import AWARDS

from .cases import INDIVIDUAL_AWARDS


class TimelyForm(StyledForm):
    award = forms.ChoiceField(label="Danh hiệu, hình thức", choices=[(c, AWARDS[c].name) for c in INDIVIDUAL_AWARDS],
                              initial="CSTD_CS")
    year = forms.IntegerField(label="Năm thành tích", min_value=WORK_YEARS.first,
                              error_messages={"invalid": "Năm phải là một số, ví dụ 2025.",
                                              "min_value": f"Năm phải từ {WORK_YEARS.first} trở đi."})
    unit = forms.ModelChoiceField(label="Đơn vị (gồm cả đơn vị trực thuộc)", queryset=Unit.objects.none(),
                                  required=False, empty_label="Tất cả đơn vị trong phạm vi",
                                  widget=SearchSelect(describe=unit_context, placeholder="Tất cả đơn vị trong phạm vi"),
                                  error_messages={"invalid_choice": "Đơn vị không có trong phạm vi của bạn."})
    direct_worker = forms.BooleanField(label="Người trực tiếp lao động, sản xuất", required=False)
    women = forms.BooleanField(label="Nữ", required=False)
    leader = forms.BooleanField(label="Lãnh đạo, quản lý", required=False)

    def add_fields(self, user):
        self.fields["unit"].queryset = (Unit.objects.visible_to(user).filter(merged_into__isnull=True)
                                        .select_related("parent").order_by("sort_key"))
        if not self.data.get("year"):
            self.initial.setdefault("year", clock.today().year - 1)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > clock.today().year:
            raise forms.ValidationError("Năm thành tích không được sau năm hiện tại.")
        return year
