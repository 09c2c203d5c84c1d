"""Forms of the emulation pages. The block's own form and the scoring-table editor live in
`block_forms.py`."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.core.widgets import SearchSelectMultiple, unit_context
from tdkt.org.models import Unit

from .block_forms import RowForm, RowFormSet
from .choices import DocumentKind
from .models import InspectionTeamMember


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


TEAM_HELP = ("Mỗi dòng một người của đoàn, đúng một trưởng đoàn. Ghi tài khoản trên hệ thống cho người sẽ nhập điểm "
             "của đoàn (người đó không chấm đơn vị mình). Cần thêm dòng: bấm “Thêm dòng”; bỏ một người: đánh dấu "
             "“Xóa dòng”.")


class InspectionTeamForm(StyledForm):
    """The team itself; its members are the table below it (`TeamEditor`)."""

    name = forms.CharField(label="Tên đoàn", max_length=200, initial="Đoàn kiểm tra, chấm điểm thi đua")
    decision_ref = forms.CharField(label="Quyết định thành lập đoàn", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class TeamMemberRow(RowForm):
    widths = {"full_name": 12, "position": 9, "workplace": 12, "role": 9, "username": 8}
    full_name = forms.CharField(label="Họ và tên", max_length=200)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    workplace = forms.CharField(label="Đơn vị công tác", max_length=255, required=False)
    role = forms.ChoiceField(label="Nhiệm vụ trong đoàn", choices=InspectionTeamMember.Role.choices,
                             initial=InspectionTeamMember.Role.MEMBER)
    username = forms.CharField(label="Tài khoản (nếu nhập điểm)", max_length=150, required=False)

    def clean_username(self):
        from django.contrib.auth import get_user_model

        username = (self.cleaned_data.get("username") or "").strip()
        if username and not get_user_model().objects.filter(username=username, is_active=True).exists():
            raise forms.ValidationError(f"Không có tài khoản “{username}” đang hoạt động.")
        return username


TeamFormSet = forms.formset_factory(TeamMemberRow, formset=RowFormSet, extra=2, can_delete=True, max_num=100,
                                    validate_max=True)


class TeamEditor:
    """The inspection team's page: the team's fields and its members as an editable table, each row
    with its own messages, all at once; nothing typed is lost."""

    prefix = "tv"

    def __init__(self, data=None, *, user=None, team=None):
        initial, rows = {}, None
        if team is not None and data is None:
            initial = {"name": team.name, "decision_ref": team.decision_ref, "note": team.note}
            rows = [{"full_name": m.full_name, "position": m.position, "workplace": m.workplace, "role": m.role,
                     "username": m.user.username if m.user else ""} for m in team.members.select_related("user")]
        self.form = InspectionTeamForm(data, user=user, initial=initial)
        self.rows_formset = TeamFormSet(data, prefix=self.prefix, initial=rows)
        self.table_errors: list[str] = []

    def is_valid(self) -> bool:
        self.form.is_valid()
        self.rows_formset.is_valid()
        self.table_errors = list(self.rows_formset.non_form_errors())
        kept = [f for f in self.rows_formset.kept() if hasattr(f, "cleaned_data")]
        if not self.table_errors and not kept:
            self.table_errors.append("Đoàn kiểm tra phải có ít nhất một thành viên.")
        elif kept and sum(f.cleaned_data.get("role") == InspectionTeamMember.Role.LEADER for f in kept) != 1:
            self.table_errors.append("Đoàn kiểm tra phải có đúng một trưởng đoàn: chọn “Trưởng đoàn” ở một dòng.")
        seen: dict[str, int] = {}
        for n, form in enumerate(self.rows_formset.forms, start=1):
            username = form.cleaned_data.get("username") if form in kept else ""
            if username and username in seen:
                form.add_error("username", f"Tài khoản “{username}” đã ghi ở dòng {seen[username]}.")
            seen.setdefault(username or "", n)
        return not (self.form.errors or self.table_errors or self.row_errors())

    def row_errors(self) -> int:
        fs = self.rows_formset
        return sum(1 for f in fs.forms if f.errors and not fs.deleted(f))

    def members(self) -> list[dict]:
        """The members as the service (and the API's JSON body) has them."""
        return [{k: (f.cleaned_data.get(k) or "").strip() for k in ("full_name", "position", "workplace", "role",
                                                                     "username")}
                for f in self.rows_formset.kept()]

    def add_service_errors(self, exc: ValidationError) -> None:
        items = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
        for field, messages in items:
            if field == "members":
                self.table_errors.extend(messages)
            else:
                self.form.add_error(field if field in self.form.fields else None, messages)
