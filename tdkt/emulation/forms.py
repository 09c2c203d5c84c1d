"""Forms of the emulation pages. The block's own form and the scoring-table editor live in
`block_forms.py`."""
from __future__ import annotations

from django import forms

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.org.models import Unit

from .choices import (
    CovenantKind,
    Direction,
    DocumentKind,
    MovementKind,
    PeriodKind,
    ResultPeriod,
    ReviewKind,
)


def _pipe(line: str) -> list[str]:
    return [p.strip() for p in line.split("|")]


def _units():
    return Unit.objects.active().order_by("sort_key")


class OpenScoringForm(StyledForm):
    self_score_deadline = VnDateField(label="Hạn đơn vị tự chấm điểm")
    block_score_deadline = VnDateField(label="Hạn khối chấm điểm", required=False)


class CovenantForm(StyledForm):
    kind = forms.ChoiceField(label="Loại giao ước", choices=CovenantKind.choices)
    title = forms.CharField(label="Tên giao ước", max_length=300)
    theme = forms.CharField(label="Chủ đề", max_length=500, required=False)
    year = forms.IntegerField(label="Năm")
    parties = forms.ModelMultipleChoiceField(label="Các xã (với giao ước tỉnh – xã)", queryset=Unit.objects.none(),
                                             required=False)
    indicators = forms.CharField(
        label="Chỉ tiêu", widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Mỗi dòng một chỉ tiêu: “nội dung | đơn vị tính | chỉ tiêu | thấp (nếu càng thấp càng tốt)”.")

    def add_fields(self, user):
        self.fields["parties"].queryset = _units().filter(kind="commune")

    def clean_indicators(self):
        rows, errors = [], []
        for n, raw in enumerate(self.cleaned_data["indicators"].splitlines(), start=1):
            if not raw.strip():
                continue
            parts = _pipe(raw)
            if len(parts) not in (3, 4):
                errors.append(f"Dòng {n}: phải có dạng “nội dung | đơn vị tính | chỉ tiêu”.")
                continue
            low = len(parts) == 4 and parts[3].lower().startswith("thấp")
            rows.append({"name": parts[0], "unit_of_measure": parts[1], "target": parts[2],
                         "direction": Direction.LOWER if low else Direction.HIGHER})
        if errors:
            raise forms.ValidationError(errors)
        return rows


class SignForm(StyledForm):
    signatory = forms.CharField(label="Người ký (họ tên, chức vụ)", max_length=200)


class PeriodForm(StyledForm):
    period = forms.ChoiceField(label="Kỳ đánh giá", choices=ResultPeriod.choices, initial=ResultPeriod.YEAR_END)


class RegistrationPeriodForm(StyledForm):
    year = forms.IntegerField(label="Năm")
    deadline = VnDateField(label="Hạn đăng ký")
    note = forms.CharField(label="Căn cứ", max_length=300, required=False)


class MovementForm(StyledForm):
    title = forms.CharField(label="Tên phong trào", max_length=300)
    kind = forms.ChoiceField(label="Loại phong trào", choices=MovementKind.choices)
    launching_unit = forms.ModelChoiceField(label="Cấp phát động", queryset=Unit.objects.none())
    theme = forms.CharField(label="Chủ đề", max_length=500, required=False)
    motto = forms.CharField(label="Phương châm", max_length=500, required=False)
    contents = forms.CharField(label="Nội dung thi đua (mỗi dòng một nội dung)", widget=forms.Textarea(attrs={"rows": 5}))
    period_kind = forms.ChoiceField(label="Thời gian thực hiện", choices=PeriodKind.choices)
    start_year = forms.IntegerField(label="Từ năm")
    end_year = forms.IntegerField(label="Đến năm")
    targets = forms.CharField(label="Chỉ tiêu, mục tiêu", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    covered_units = forms.ModelMultipleChoiceField(label="Đối tượng thi đua (phát động đến các đơn vị và đơn vị trực thuộc)",
                                                   queryset=Unit.objects.none(),
                                                   widget=forms.SelectMultiple(attrs={"size": 10}))

    def add_fields(self, user):
        scoped = Unit.objects.visible_to(user).active().order_by("sort_key")
        self.fields["launching_unit"].queryset = scoped
        self.fields["covered_units"].queryset = scoped

    def clean_contents(self):
        return [line.strip() for line in self.cleaned_data["contents"].splitlines() if line.strip()]


class ReviewForm(StyledForm):
    kind = forms.ChoiceField(label="Sơ kết hay tổng kết", choices=ReviewKind.choices)
    held_on = VnDateField(label="Ngày sơ kết, tổng kết")
    results = forms.CharField(label="Kết quả", widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=DocumentKind.choices)
    title = forms.CharField(label="Trích yếu", max_length=300, required=False)
    file = forms.FileField(label="Tệp (PDF, DOCX hoặc XLSX)")


class MovementDocumentForm(StyledForm):
    title = forms.CharField(label="Trích yếu (kế hoạch, hướng dẫn, báo cáo…)", max_length=300)
    file = forms.FileField(label="Tệp (PDF, DOCX hoặc XLSX)")


class MembersAddForm(StyledForm):
    add_units = forms.ModelMultipleChoiceField(
        label="Thêm đơn vị thành viên (xếp cuối thứ tự luân phiên)", queryset=Unit.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, block=None, **kwargs):
        self.block = block
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        from .models import BlockMember

        taken = BlockMember.objects.filter(block__year=self.block.year).values("unit_id")
        self.fields["add_units"].queryset = _units().exclude(pk__in=taken)


TEAM_ROLE_WORDS = {"": "member", "thành viên": "member", "trưởng đoàn": "leader", "phó trưởng đoàn": "deputy",
                   "phó đoàn": "deputy", "thư ký": "secretary"}
TEAM_ROLE_NAMES = {v: k for k, v in TEAM_ROLE_WORDS.items() if k and k != "phó đoàn"}
TEAM_HELP = ("Mỗi dòng một người: “Họ và tên | Chức vụ | Đơn vị công tác | Nhiệm vụ (trưởng đoàn, phó trưởng đoàn, "
             "thành viên, thư ký) | Tài khoản trên hệ thống (nếu người này nhập điểm)”.")


class InspectionTeamForm(StyledForm):
    name = forms.CharField(label="Tên đoàn", max_length=200, initial="Đoàn kiểm tra, chấm điểm thi đua")
    decision_ref = forms.CharField(label="Quyết định thành lập đoàn", max_length=200, required=False)
    members = forms.CharField(label="Thành viên đoàn", help_text=TEAM_HELP, widget=forms.Textarea(attrs={"rows": 7}))
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)

    def clean_members(self):
        rows, errors = [], []
        lines = [line for line in self.cleaned_data["members"].splitlines() if line.strip()]
        for n, line in enumerate(lines, start=1):
            parts = _pipe(line) + [""] * 5
            word = parts[3].lower()
            if word not in TEAM_ROLE_WORDS:
                errors.append(f"Dòng {n}: nhiệm vụ “{parts[3]}” không hợp lệ (trưởng đoàn, phó trưởng đoàn, thành viên "
                              "hoặc thư ký).")
                continue
            rows.append({"full_name": parts[0], "position": parts[1], "workplace": parts[2],
                         "role": TEAM_ROLE_WORDS[word], "username": parts[4]})
        if errors:
            raise forms.ValidationError(errors)
        return rows


def team_text(team) -> str:
    return "\n".join(" | ".join([m.full_name, m.position, m.workplace, TEAM_ROLE_NAMES[m.role],
                                 m.user.username if m.user else ""]).rstrip(" |")
                     for m in team.members.select_related("user"))
