"""Forms of the emulation pages. The scoring table is typed as lines (one group or criterion a line),
parsed here into the structure `scoring.set_template` checks; errors name the line."""
from __future__ import annotations

from decimal import Decimal

from django import forms

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.org.models import Unit

from .choices import (
    BlockKind,
    BlockScorer,
    DocumentKind,
    YearKind,
)

KIND_WORDS = {"": "regular", "thường": "regular", "điểm": "regular", "thưởng": "bonus", "cộng": "bonus",
              "trừ": "deduction"}
KIND_NAMES = {"regular": "", "bonus": "thưởng", "deduction": "trừ"}
TABLE_HELP = ("Mỗi dòng một nhóm hoặc một tiêu chí. Nhóm: “# I | Tên nhóm | điểm tối đa”. Tiêu chí: “1.1 | Nội dung | "
              "điểm tối đa | loại (để trống, thưởng hoặc trừ) | minh chứng bắt buộc (nếu có) | hướng dẫn chấm”.")


def _pipe(line: str) -> list[str]:
    return [p.strip() for p in line.split("|")]


def parse_table(text: str) -> tuple[list[dict], list[str]]:
    groups, errors = [], []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            parts = _pipe(line[1:])
            if len(parts) != 3:
                errors.append(f"Dòng {n}: nhóm phải có dạng “# số hiệu | tên nhóm | điểm tối đa”.")
                continue
            groups.append({"code": parts[0], "name": parts[1], "max_points": parts[2], "criteria": []})
            continue
        parts = _pipe(line)
        if not groups:
            errors.append(f"Dòng {n}: tiêu chí phải nằm dưới một nhóm (dòng bắt đầu bằng #).")
            continue
        if len(parts) < 3:
            errors.append(f"Dòng {n}: tiêu chí phải có ít nhất “số hiệu | nội dung | điểm tối đa”.")
            continue
        word = parts[3].lower() if len(parts) > 3 else ""
        if word not in KIND_WORDS:
            errors.append(f"Dòng {n}: loại “{parts[3]}” không hợp lệ (để trống, “thưởng” hoặc “trừ”).")
            continue
        evidence = parts[4] if len(parts) > 4 else ""
        groups[-1]["criteria"].append({
            "code": parts[0], "name": parts[1], "max_points": parts[2], "kind": KIND_WORDS[word],
            "required_evidence": evidence, "evidence_required": bool(evidence),
            "guidance": " | ".join(parts[5:]) if len(parts) > 5 else ""})
    if not groups and not errors:
        errors.append("Chưa nhập nhóm tiêu chí nào.")
    return groups, errors


def table_text(template) -> str:
    lines = []
    for group in template.groups.prefetch_related("criteria"):
        lines.append(f"# {group.code} | {group.name} | {group.max_points.normalize():f}")
        for c in group.criteria.all():
            row = [c.code, c.name, f"{c.max_points.normalize():f}", KIND_NAMES[c.kind], c.required_evidence]
            if c.guidance:
                row.append(c.guidance)
            lines.append(" | ".join(row).rstrip(" |"))
    return "\n".join(lines)


def parse_pairs(text: str, keys: tuple[str, str], label: str) -> tuple[list[dict], list[str]]:
    rows, errors = [], []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = _pipe(raw)
        if len(parts) != 2:
            errors.append(f"{label}, dòng {n}: phải có dạng “{keys[0]} | {keys[1]}”.")
            continue
        rows.append(dict(zip(keys, parts)))
    return rows, errors


def _units():
    return Unit.objects.active().order_by("sort_key")


class BlockForm(StyledForm):
    name = forms.CharField(label="Tên khối, cụm", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=BlockKind.choices)
    year = forms.IntegerField(label="Năm thi đua")
    year_kind = forms.ChoiceField(label="Năm tính theo", choices=YearKind.choices)
    units = forms.ModelMultipleChoiceField(label="Đơn vị thành viên (theo thứ tự luân phiên)", queryset=Unit.objects.none(),
                                           widget=forms.SelectMultiple(attrs={"size": 12}))
    head = forms.ModelChoiceField(label="Trưởng khối", queryset=Unit.objects.none(), required=False)
    deputy = forms.ModelChoiceField(label="Phó trưởng khối", queryset=Unit.objects.none(), required=False)
    supervising_leader = forms.CharField(label="Lãnh đạo tỉnh phụ trách", max_length=200, required=False)
    decision_ref = forms.CharField(label="Quyết định phân chia khối, cụm", max_length=200, required=False)
    merit_quota = forms.IntegerField(label="Số đơn vị đề nghị Bằng khen tỉnh", min_value=0, initial=0)
    vote_max_rounds = forms.IntegerField(label="Số vòng bỏ phiếu tối đa", min_value=1, max_value=5, initial=2)
    vote_threshold = forms.DecimalField(label="Tỷ lệ phiếu cần đạt", initial=Decimal("0.5"), decimal_places=3)
    vote_strict = forms.BooleanField(label="Phải vượt tỷ lệ (quá bán)", required=False, initial=True)
    programme = forms.CharField(label="Chương trình công tác năm", widget=forms.Textarea(attrs={"rows": 3}),
                                required=False)
    regulation = forms.CharField(label="Quy chế hoạt động (tóm tắt)", widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)

    def add_fields(self, user):
        for name in ("units", "head", "deputy"):
            self.fields[name].queryset = _units()


class TemplateForm(StyledForm):
    scale = forms.DecimalField(label="Thang điểm", initial=100)
    block_scorer = forms.ChoiceField(label="Khối chấm điểm bằng", choices=BlockScorer.choices)
    bonus_cap = forms.DecimalField(label="Tổng điểm thưởng tối đa", required=False)
    deduction_cap = forms.DecimalField(label="Tổng điểm trừ tối đa", required=False)
    women_share_threshold = forms.DecimalField(label="Tỷ lệ nữ được ưu tiên khi bằng điểm", initial=Decimal("0.7"))
    tie_break = forms.CharField(label="Thứ tự ưu tiên khi bằng điểm", initial="women, fewer_deductions",
                                help_text="women = đơn vị nữ; fewer_deductions = ít điểm trừ; group:I = điểm nhóm I")
    table = forms.CharField(label="Nhóm và tiêu chí", widget=forms.Textarea(attrs={"rows": 14}), help_text=TABLE_HELP)
    bands = forms.CharField(label="Xếp loại (mỗi dòng “tên | từ điểm”)", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    disqualifiers = forms.CharField(label="Điều kiện không xét (mỗi dòng “số hiệu | nội dung”)", required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label="Căn cứ, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        groups, errors = parse_table(data.get("table", ""))
        for e in errors:
            self.add_error("table", e)
        bands, errors = parse_pairs(data.get("bands", ""), ("name", "min_score"), "Xếp loại")
        for e in errors:
            self.add_error("bands", e)
        disq, errors = parse_pairs(data.get("disqualifiers", ""), ("code", "text"), "Điều kiện không xét")
        for e in errors:
            self.add_error("disqualifiers", e)
        data["groups"], data["bands"], data["disqualifiers"] = groups, bands, disq
        data["tie_break"] = [k.strip() for k in (data.get("tie_break") or "").split(",") if k.strip()]
        return data

    def spec(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k) for k in ("scale", "block_scorer", "bonus_cap", "deduction_cap", "women_share_threshold",
                                      "tie_break", "groups", "bands", "disqualifiers", "note")}


class OpenScoringForm(StyledForm):
    self_score_deadline = VnDateField(label="Hạn đơn vị tự chấm điểm")
    block_score_deadline = VnDateField(label="Hạn khối chấm điểm", required=False)


class MemberActionForm(StyledForm):
    """An office action on one member of a block: the member list comes from the block."""

    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none())

    def __init__(self, *args, block=None, **kwargs):
        self.block = block
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        self.fields["unit"].queryset = Unit.objects.filter(block_memberships__block=self.block)


class AdjustForm(MemberActionForm):
    criterion = forms.ModelChoiceField(label="Tiêu chí", queryset=None)
    points = forms.CharField(label="Điểm sau điều chỉnh", max_length=20)
    reason = forms.CharField(label="Lý do điều chỉnh", max_length=1000)

    def add_fields(self, user):
        super().add_fields(user)
        self.fields["criterion"].queryset = self.block.template.criteria.all()


class DisqualifyForm(MemberActionForm):
    condition = forms.ModelChoiceField(label="Điều kiện không xét", queryset=None)
    reason = forms.CharField(label="Căn cứ, lý do", max_length=500)

    def add_fields(self, user):
        super().add_fields(user)
        self.fields["condition"].queryset = self.block.template.disqualifiers.all()


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=DocumentKind.choices)
    title = forms.CharField(label="Trích yếu", max_length=300, required=False)
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
