"""Forms of the emulation pages. The block's own form and the scoring-table editor live in
`block_forms.py`."""
from __future__ import annotations

from django import forms

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.core.widgets import SearchSelectMultiple, unit_context
from tdkt.org.models import Unit

from .choices import DocumentKind


def _pipe(line: str) -> list[str]:
    return [p.strip() for p in line.split("|")]


def _units():
    return Unit.objects.active().select_related("parent").order_by("sort_key")


class OpenScoringForm(StyledForm):
    self_score_deadline = VnDateField(label="Hạn đơn vị tự chấm điểm")
    block_score_deadline = VnDateField(label="Hạn khối chấm điểm", required=False)


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=DocumentKind.choices)
    title = forms.CharField(label="Trích yếu", max_length=300, required=False)
    file = forms.FileField(label="Tệp (PDF, DOCX hoặc XLSX)")


class MembersAddForm(StyledForm):
    add_units = forms.ModelMultipleChoiceField(
        label="Thêm đơn vị thành viên (xếp cuối thứ tự luân phiên)", queryset=Unit.objects.none(), required=False,
        widget=SearchSelectMultiple(describe=unit_context))

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
