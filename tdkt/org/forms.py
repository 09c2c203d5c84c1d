"""Forms of units, people, transfers and mergers. They only parse input; services decide."""
from django import forms

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.core.widgets import SearchSelect, SearchSelectMultiple, unit_context
from tdkt.rules import ethnicity as ethnic_groups

from .choices import ETHNICITY_CHOICES, EmploymentKind, Gender, UnitKind
from .models import Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        depth = max(0, unit.path.count("/") - 2)
        return "— " * depth + unit.name


def unit_field(user, label="Đơn vị", required=True):
    return UnitChoiceField(queryset=Unit.objects.editable_by(user).active().select_related("parent").order_by("path"),
                           label=label, required=required, empty_label="— chọn đơn vị —",
                           widget=SearchSelect(describe=unit_context),
                           error_messages={"invalid_choice": f"{label}: không có trong phạm vi của bạn."})


class PersonForm(StyledForm):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = VnDateField(label="Ngày sinh", required=False)
    ethnicity = forms.ChoiceField(label="Dân tộc", choices=[("", "— chọn dân tộc —"), *ETHNICITY_CHOICES],
                                  required=False, initial="Kinh",
                                  error_messages={"invalid_choice": "Dân tộc: chọn một trong 54 dân tộc Việt Nam."})
    national_id = forms.CharField(label="Số CCCD", max_length=12, required=False)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    employment_kind = forms.ChoiceField(label="Loại cán bộ", choices=EmploymentKind.choices)
    hired_on = VnDateField(label="Ngày vào làm", required=False)
    is_leader = forms.BooleanField(label="Là lãnh đạo, quản lý", required=False)
    is_direct_worker = forms.BooleanField(label="Người trực tiếp lao động, sản xuất", required=False)

    def __init__(self, *args, with_unit=False, **kwargs):
        self.with_unit = with_unit
        super().__init__(*args, **kwargs)
        # a variant spelling kept from earlier entries ("H'Mông") shows as its official name
        written = self.initial.get("ethnicity")
        if written and ethnic_groups.canonical(written):
            self.initial["ethnicity"] = ethnic_groups.canonical(written)

    def add_fields(self, user):
        if self.with_unit:
            self.fields = {"unit": unit_field(user), **self.fields}


class TransferForm(StyledForm):
    start = VnDateField(label="Từ ngày")
    post = forms.CharField(label="Chức vụ mới", max_length=200, required=False)

    def add_fields(self, user):
        self.fields = {"unit": unit_field(user, "Đơn vị chuyển đến"), **self.fields}


class UnitForm(StyledForm):
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt", max_length=64, required=False)
    code = forms.CharField(label="Mã đơn vị", max_length=32)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    # Area flags (hold for the unit and the units under it): the priority of Luật TĐKT 2022 Điều 5
    # and, from 01/10/2026, Luật 06/2026/QH16.
    is_mountainous = forms.BooleanField(label="Địa bàn miền núi", required=False)
    is_ethnic_minority_area = forms.BooleanField(label="Vùng đồng bào dân tộc thiểu số", required=False)
    is_extremely_difficult = forms.BooleanField(label="Xã đặc biệt khó khăn", required=False)
    is_border = forms.BooleanField(label="Địa bàn biên giới", required=False)
    is_island = forms.BooleanField(label="Địa bàn hải đảo", required=False)

    def add_fields(self, user):
        self.fields["parent"] = unit_field(user, "Đơn vị cấp trên", required=False)


class MergeForm(StyledForm):
    merged_on = VnDateField(label="Ngày sáp nhập")
    note = forms.CharField(label="Căn cứ (số quyết định, nghị quyết)", max_length=300, required=False)

    def add_fields(self, user):
        units = Unit.objects.editable_by(user).active().select_related("parent").order_by("path")
        self.fields = {
            "sources": forms.ModelMultipleChoiceField(queryset=units, label="Các đơn vị bị sáp nhập",
                                                      widget=SearchSelectMultiple(describe=unit_context),
                                                      error_messages={"required": "Chọn ít nhất một đơn vị bị sáp nhập.",
                                                                      "invalid_choice": "Đơn vị bị sáp nhập không hợp lệ."}),
            "successor": unit_field(user, "Đơn vị tiếp nhận"),
            **self.fields,
        }
