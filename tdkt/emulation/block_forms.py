"""Forms of a block's pages: the block itself (vote threshold as a percentage), the scoring table as
an editable table (groups, criteria, classification bands, disqualifying conditions: Django formsets
whose rows each carry their own messages, all at once), the tie-break order as labelled choices,
and closing and reopening scoring. Percentages are typed and shown as "70" (%) and stored as the
fractions the services and the ranking read (0.7)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError

from tdkt.core.forms import StyledForm, VnDateField, style
from tdkt.core.widgets import SearchSelect, SearchSelectMultiple, unit_context
from tdkt.org.models import Unit

from .choices import BlockKind, BlockScorer, CriterionKind, YearKind
from .workflow import TIE_BREAK_KEYS, fmt

HINTS = {
    "block": "Khối thi đua: các đơn vị có chức năng, nhiệm vụ tương đồng (các sở, các tổ chức đoàn thể…). Cụm thi "
             "đua: các đơn vị theo địa bàn (các xã, phường). Do UBND tỉnh quyết định phân chia.",
    "criterion": "Tiêu chí: một nội dung được chấm điểm, có điểm tối đa; tổng điểm tối đa các tiêu chí của một "
                 "nhóm bằng điểm tối đa của nhóm.",
    "kind": "Điểm thưởng: cộng thêm ngoài thang điểm (ví dụ được tặng Cờ thi đua). Điểm trừ: trừ đi khi vi phạm "
            "(ví dụ báo cáo chậm). Với hai loại này, “tối đa” là mức thưởng, mức trừ cao nhất.",
    "disqualifier": "Tiêu chí loại trừ (điều kiện không xét thi đua): đơn vị vi phạm không được xếp hạng, không "
                    "được suy tôn dẫn đầu, dù điểm cao.",
}
PERCENT = Decimal("0.001")


def percent(value: Decimal | None) -> Decimal | None:
    """A stored fraction as the percentage users read: 0.700 → 70."""
    return None if value is None else (value * 100).quantize(Decimal("1"), ROUND_HALF_UP)


def fraction(value: Decimal | None) -> Decimal | None:
    """A typed percentage as the stored fraction: 70 → 0.700."""
    return None if value is None else (value / 100).quantize(PERCENT, ROUND_HALF_UP)


class VnDecimalField(forms.DecimalField):
    """A number typed the Vietnamese way ("12,5" as well as 12.5) and shown that way."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)
        label = str(self.label).replace("%", "%%")
        self.error_messages.update({
            "invalid": f"{label}: phải là số (ví dụ 12,5).",
            "min_value": f"{label}: không được nhỏ hơn %(limit_value)s.",
            "max_value": f"{label}: không được lớn hơn %(limit_value)s.",
            "max_decimal_places": f"{label}: chỉ nhập tối đa %(max)s chữ số thập phân.",
            "max_digits": f"{label}: số quá lớn."})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return fmt(Decimal(value))
        return value


class PercentField(VnDecimalField):
    """A whole percentage (the stored fraction keeps two decimals: 67 % is 0.67)."""

    def __init__(self, *args, minimum=0, **kwargs):
        kwargs.setdefault("min_value", minimum)
        kwargs.setdefault("max_value", 100)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(*args, **kwargs)
        label = str(self.label).replace("%", "%%")
        self.error_messages.update({
            "invalid": f"{label}: nhập một số phần trăm, ví dụ 70.",
            "min_value": f"{label}: không được nhỏ hơn %(limit_value)s %%.",
            "max_value": f"{label}: không được lớn hơn %(limit_value)s %%.",
            "max_decimal_places": f"{label}: nhập số phần trăm nguyên, ví dụ 67."})


def _units():
    return Unit.objects.active().select_related("parent").order_by("sort_key")


class BlockForm(StyledForm):
    name = forms.CharField(label="Tên khối, cụm", max_length=255, help_text=HINTS["block"])
    kind = forms.ChoiceField(label="Loại", choices=BlockKind.choices)
    year = forms.IntegerField(label="Năm thi đua")
    year_kind = forms.ChoiceField(label="Năm tính theo", choices=YearKind.choices,
                                  help_text="Khối ngành giáo dục thường tính theo năm học.")
    units = forms.ModelMultipleChoiceField(label="Đơn vị thành viên (theo thứ tự luân phiên)", queryset=Unit.objects.none(),
                                           widget=SearchSelectMultiple(describe=unit_context))
    head = forms.ModelChoiceField(label="Trưởng khối", queryset=Unit.objects.none(), required=False,
                                  widget=SearchSelect(describe=unit_context),
                                  help_text="Đơn vị trưởng khối chấm điểm các thành viên; phó khối chấm đơn vị trưởng khối.")
    deputy = forms.ModelChoiceField(label="Phó trưởng khối", queryset=Unit.objects.none(), required=False,
                                    widget=SearchSelect(describe=unit_context))
    supervising_leader = forms.CharField(label="Lãnh đạo tỉnh phụ trách", max_length=200, required=False)
    decision_ref = forms.CharField(label="Quyết định phân chia khối, cụm", max_length=200, required=False)
    merit_quota = forms.IntegerField(label="Số đơn vị đề nghị Bằng khen tỉnh", min_value=0, initial=0)
    vote_max_rounds = forms.IntegerField(label="Số vòng bỏ phiếu tối đa", min_value=1, max_value=5, initial=2,
                                         help_text="Hết số vòng mà chưa có đơn vị đạt tỷ lệ: trưởng khối và phó khối "
                                                   "quyết định đơn vị dẫn đầu.")
    vote_threshold = PercentField(label="Tỷ lệ phiếu cần đạt (%)", minimum=50, initial=50,
                                  help_text="Phần trăm trên tổng số đơn vị thành viên, từ 50 đến 100.")
    vote_strict = forms.BooleanField(label="Phải vượt tỷ lệ (quá bán)", required=False, initial=True)
    programme = forms.CharField(label="Chương trình công tác năm", widget=forms.Textarea(attrs={"rows": 3}),
                                required=False)
    regulation = forms.CharField(label="Quy chế hoạt động (tóm tắt)", widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)

    def add_fields(self, user):
        for name in ("units", "head", "deputy"):
            self.fields[name].queryset = _units()

    def clean_vote_threshold(self):
        return fraction(self.cleaned_data["vote_threshold"])


class ReopenForm(StyledForm):
    reason = forms.CharField(label="Lý do mở lại chấm điểm", max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Được ghi vào nhật ký và thông báo cho các đơn vị thành viên.")
    block_score_deadline = VnDateField(label="Hạn khối chấm điểm mới (nếu gia hạn)", required=False)

    def __init__(self, *args, **kwargs):
        # The block page holds other forms with a "reason": ids of their own.
        kwargs.setdefault("auto_id", "id_reopen_%s")
        super().__init__(*args, **kwargs)


class MemberActionForm(StyledForm):
    """An office action on one member of a block: the member list comes from the block."""

    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), widget=SearchSelect(describe=unit_context))

    id_prefix = "id_%s"

    def __init__(self, *args, block=None, **kwargs):
        self.block = block
        # Two of these forms sit on the block page: ids of their own.
        kwargs.setdefault("auto_id", self.id_prefix)
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        self.fields["unit"].queryset = Unit.objects.filter(block_memberships__block=self.block).select_related("parent")


class AdjustForm(MemberActionForm):
    id_prefix = "id_adjust_%s"
    criterion = forms.ModelChoiceField(label="Tiêu chí", queryset=None, help_text=HINTS["criterion"])
    points = forms.CharField(label="Điểm sau điều chỉnh", max_length=20,
                             help_text="Với điểm thưởng, điểm trừ: số điểm được thưởng hoặc bị trừ (không ghi dấu âm).")
    reason = forms.CharField(label="Lý do điều chỉnh", max_length=1000,
                             help_text="Ghi vào nhật ký; đơn vị xem được khi khối đã khóa điểm.")

    def add_fields(self, user):
        super().add_fields(user)
        self.fields["criterion"].queryset = self.block.template.criteria.all()


class DisqualifyForm(MemberActionForm):
    id_prefix = "id_disqualify_%s"
    condition = forms.ModelChoiceField(label="Điều kiện không xét (tiêu chí loại trừ)", queryset=None,
                                       help_text=HINTS["disqualifier"])
    reason = forms.CharField(label="Căn cứ, lý do", max_length=500,
                             help_text="Ví dụ: số, ngày của quyết định kỷ luật.")

    def add_fields(self, user):
        super().add_fields(user)
        self.fields["condition"].queryset = self.block.template.disqualifiers.all()


# --- The scoring table editor ---------------------------------------------------------------------

class RowForm(forms.Form):
    """One row of an editable table: Bootstrap classes, messages that name the column."""

    widths: dict[str, int] = {}   # the least width of a column's boxes, in rem

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
        index = (self.prefix or "").rsplit("-", 1)[-1]
        row = f"dòng {int(index) + 1}" if index.isdigit() else "dòng mới"
        for field in self.fields.values():
            attrs = field.widget.attrs
            if isinstance(field.widget, forms.Select):
                attrs["class"] = "form-select form-select-sm"
            elif not isinstance(field.widget, forms.CheckboxInput):
                attrs["class"] = "form-control form-control-sm"
            # Cells have no visible label of their own: the column and the row name them.
            attrs["aria-label"] = f"{field.label}, {row}"
        for name, width in self.widths.items():
            self.fields[name].widget.attrs["style"] = f"min-width: {width}rem"


def _decimal(label, required=True, **kwargs):
    field = forms.CharField(label=label, required=required, max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "decimal"}), **kwargs)
    return field


def _read_number(form, name, *, positive=False):
    """A typed number ("12,5" or 12.5) read into a Decimal, with the row's own message."""
    raw = (form.cleaned_data.get(name) or "").strip()
    if not raw:
        return None
    label = form.fields[name].label
    try:
        value = Decimal(raw.replace(",", "."))
    except ArithmeticError:
        value = None
    if value is None or not value.is_finite():
        form.add_error(name, f"{label}: “{raw}” không phải là số.")
        return None
    if value < 0 or (positive and value == 0):
        form.add_error(name, f"{label}: phải lớn hơn 0." if positive else f"{label}: không được âm.")
        return None
    if value != value.quantize(Decimal("0.01")):
        form.add_error(name, f"{label}: chỉ nhập tối đa 2 chữ số thập phân.")
        return None
    if value > Decimal("999999.99"):
        form.add_error(name, f"{label}: không được lớn hơn 999.999,99.")
        return None
    return value


class GroupRow(RowForm):
    widths = {"code": 5, "name": 18, "max_points": 6}
    code = forms.CharField(label="Số hiệu nhóm", max_length=10)
    name = forms.CharField(label="Tên nhóm tiêu chí", max_length=300)
    max_points = _decimal("Điểm tối đa của nhóm")

    def clean(self):
        data = super().clean()
        data["max_number"] = _read_number(self, "max_points")
        return data


class CriterionRow(RowForm):
    widths = {"group": 4, "code": 5, "name": 18, "max_points": 5, "kind": 10, "required_evidence": 12, "guidance": 14}
    group = forms.CharField(label="Nhóm", max_length=10)
    code = forms.CharField(label="Số hiệu", max_length=12)
    name = forms.CharField(label="Nội dung tiêu chí", max_length=500)
    max_points = _decimal("Điểm tối đa")
    kind = forms.ChoiceField(label="Loại", choices=CriterionKind.choices, initial=CriterionKind.REGULAR)
    required_evidence = forms.CharField(label="Minh chứng cần có", max_length=500, required=False)
    evidence_required = forms.BooleanField(label="Bắt buộc tải minh chứng", required=False)
    guidance = forms.CharField(label="Hướng dẫn chấm", required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        data["max_number"] = _read_number(self, "max_points", positive=True)
        return data


class BandRow(RowForm):
    widths = {"name": 12, "min_score": 6}
    name = forms.CharField(label="Xếp loại", max_length=100)
    min_score = _decimal("Từ điểm")

    def clean(self):
        data = super().clean()
        data["min_number"] = _read_number(self, "min_score")
        return data


class DisqualifierRow(RowForm):
    widths = {"code": 5, "text": 24}
    code = forms.CharField(label="Số hiệu", max_length=10)
    text = forms.CharField(label="Điều kiện không xét thi đua", max_length=500)


class RowFormSet(forms.BaseFormSet):
    """Rows left empty are ignored; a row ticked "Xóa dòng" is dropped; messages name the row."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            field = form.fields["DELETE"]
            field.label = "Xóa dòng"
            field.widget.attrs.update({"class": "form-check-input",
                                       "aria-label": f"Xóa dòng {index + 1}" if index is not None else "Xóa dòng mới"})

    def deleted(self, form) -> bool:
        return bool(getattr(form, "cleaned_data", {}).get("DELETE"))

    def kept(self):
        return [f for f in self.forms if f.has_changed() and not self.deleted(f)]

    def duplicate_codes(self, field: str, what: str):
        seen, kept = {}, self.kept()
        for n, form in enumerate(self.forms, start=1):
            if form not in kept or not hasattr(form, "cleaned_data"):
                continue
            code = (form.cleaned_data.get(field) or "").strip()
            if code and code in seen:
                form.add_error(field, f"Trùng số hiệu {what} “{code}” với dòng {seen[code]}.")
            seen.setdefault(code, n)


def _formset(form, extra):
    return forms.formset_factory(form, formset=RowFormSet, extra=extra, can_delete=True, max_num=500,
                                 validate_max=True)


GroupFormSet = _formset(GroupRow, 1)
CriterionFormSet = _formset(CriterionRow, 2)
BandFormSet = _formset(BandRow, 1)
DisqualifierFormSet = _formset(DisqualifierRow, 1)
TIE_SLOTS = ("tie_1", "tie_2", "tie_3")
TIE_WORDS = ("Ưu tiên thứ nhất", "Ưu tiên thứ hai", "Ưu tiên thứ ba")


class TemplateSettingsForm(StyledForm):
    scale = VnDecimalField(label="Thang điểm", initial=100, min_value=1, decimal_places=2, max_value=Decimal("999999"),
                               help_text="Tổng điểm tối đa các nhóm tiêu chí (thường 100 hoặc 1.000), chưa kể điểm thưởng.")
    block_scorer = forms.ChoiceField(label="Khối chấm điểm bằng", choices=BlockScorer.choices)
    bonus_cap = VnDecimalField(label="Tổng điểm thưởng tối đa", required=False, min_value=0, decimal_places=2,
                                   help_text="Điểm thưởng cộng ngoài thang điểm; để trống nếu không giới hạn.")
    deduction_cap = VnDecimalField(label="Tổng điểm trừ tối đa", required=False, min_value=0, decimal_places=2,
                                       help_text="Để trống nếu không giới hạn.")
    women_share_threshold = PercentField(label="Tỷ lệ nữ được ưu tiên khi bằng điểm (%)", initial=70,
                                         help_text="Tập thể có tỷ lệ nữ từ mức này trở lên (hoặc thủ trưởng là nữ) "
                                                   "được ưu tiên khi bằng điểm (Nghị định 152/2025/NĐ-CP, Điều 4).")
    tie_1 = forms.ChoiceField(label=TIE_WORDS[0], required=False, initial="women")
    tie_2 = forms.ChoiceField(label=TIE_WORDS[1], required=False, initial="fewer_deductions")
    tie_3 = forms.ChoiceField(label=TIE_WORDS[2], required=False)
    note = forms.CharField(label="Căn cứ, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, group_codes=(), **kwargs):
        self.group_codes = list(group_codes)
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        choices = [("", "— không dùng —")] + tie_break_choices(self.group_codes)
        for name in TIE_SLOTS:
            self.fields[name].choices = choices

    def clean(self):
        data = super().clean()
        order, seen = [], {}
        for name, word in zip(TIE_SLOTS, TIE_WORDS):
            key = data.get(name) or ""
            if not key:
                continue
            if key in seen:
                self.add_error(name, f"{word}: trùng với {seen[key].lower()}.")
                continue
            seen[key] = word
            order.append(key)
        data["tie_break"] = order
        data["women_share_threshold"] = fraction(data.get("women_share_threshold"))
        return data


def tie_break_choices(group_codes) -> list[tuple[str, str]]:
    out = [(key, label[:1].upper() + label[1:]) for key, label in TIE_BREAK_KEYS.items()]
    return out + [(f"group:{code}", f"Điểm nhóm {code} cao hơn") for code in group_codes if code]


class TableEditor:
    """The whole scoring-table page: settings and four editable tables, checked together so that
    every row shows its own messages at once; `spec()` is what `scoring.set_template` takes."""

    def __init__(self, data=None, *, user=None, template=None):
        initial = _initial(template) if template is not None and data is None else {}
        self.groups = GroupFormSet(data, prefix="nhom", initial=initial.get("groups"))
        self.criteria = CriterionFormSet(data, prefix="tc", initial=initial.get("criteria"))
        self.bands = BandFormSet(data, prefix="xl", initial=initial.get("bands"))
        self.disqualifiers = DisqualifierFormSet(data, prefix="kx", initial=initial.get("disqualifiers"))
        if data is not None:
            codes = [(data.get(f"nhom-{i}-code") or "").strip() for i in range(_total(data, "nhom"))]
        else:
            codes = [g["code"] for g in initial.get("groups") or []]
        self.settings = TemplateSettingsForm(data, user=user, initial=initial.get("settings"),
                                             group_codes=list(dict.fromkeys(c for c in codes if c)))
        self.table_errors: dict[str, list[str]] = {}
        self.tables = [("groups", self.groups), ("criteria", self.criteria), ("bands", self.bands),
                       ("disqualifiers", self.disqualifiers)]

    def is_valid(self) -> bool:
        """Every row of every table is checked, and the rows against each other: all messages at once."""
        self.settings.is_valid()
        for _, formset in self.tables:
            formset.is_valid()
        self.table_errors = {name: list(formset.non_form_errors()) for name, formset in self.tables}
        self._cross_check()
        return not self.errors_count()

    def row_errors(self) -> int:
        return sum(1 for _, fs in self.tables for f in fs.forms if f.errors and not fs.deleted(f))

    def errors_count(self) -> int:
        return self.row_errors() + sum(len(v) for v in self.table_errors.values()) + len(self.settings.errors)

    def _cross_check(self) -> None:
        groups = [f for f in self.groups.kept() if hasattr(f, "cleaned_data")]
        criteria = [f for f in self.criteria.kept() if hasattr(f, "cleaned_data")]
        self.groups.duplicate_codes("code", "nhóm")
        self.criteria.duplicate_codes("code", "tiêu chí")
        self.disqualifiers.duplicate_codes("code", "điều kiện")
        codes = {(f.cleaned_data.get("code") or "").strip(): f for f in groups}
        if not groups:
            self.table_errors["groups"].append("Bảng điểm phải có ít nhất một nhóm tiêu chí.")
        sums = {code: Decimal(0) for code in codes}
        unsure = set()   # groups with a bad criterion row: their sum is not known yet
        for form in criteria:
            code = (form.cleaned_data.get("group") or "").strip()
            if form.errors:
                unsure.add(code)
            if code and code not in codes:
                known = ", ".join(c for c in codes if c) or "chưa có nhóm nào"
                form.add_error("group", f"Nhóm “{code}” không có trong bảng nhóm ({known}).")
            elif code and form.cleaned_data.get("kind") == CriterionKind.REGULAR and form.cleaned_data.get("max_number"):
                sums[code] += form.cleaned_data["max_number"]
        has_criteria = {(f.cleaned_data.get("group") or "").strip() for f in criteria}
        total = Decimal(0)
        for code, form in codes.items():
            maximum = form.cleaned_data.get("max_number")
            if maximum is None:
                continue
            total += maximum
            if code in has_criteria and code not in unsure and sums[code] != maximum:
                form.add_error("max_points", f"Tổng điểm các tiêu chí của nhóm {code} là {fmt(sums[code])}, khác điểm "
                                             f"tối đa của nhóm ({fmt(maximum)}).")
        scale = self.settings.cleaned_data.get("scale") if hasattr(self.settings, "cleaned_data") else None
        if scale is not None and groups and all(f.cleaned_data.get("max_number") is not None for f in groups) \
                and total != scale:
            self.settings.add_error("scale", f"Tổng điểm tối đa các nhóm ({fmt(total)}) khác thang điểm ({fmt(scale)}).")

    def spec(self) -> dict:
        d = self.settings.cleaned_data
        groups = []
        by_code = {}
        for form in self.groups.kept():
            g = form.cleaned_data
            group = {"code": g["code"].strip(), "name": g["name"].strip(), "max_points": g["max_number"], "criteria": []}
            by_code[group["code"]] = group
            groups.append(group)
        for form in self.criteria.kept():
            c = form.cleaned_data
            by_code[c["group"].strip()]["criteria"].append({
                "code": c["code"].strip(), "name": c["name"].strip(), "max_points": c["max_number"], "kind": c["kind"],
                "required_evidence": c.get("required_evidence") or "",
                "evidence_required": bool(c.get("evidence_required")), "guidance": c.get("guidance") or ""})
        return {
            "scale": d["scale"], "block_scorer": d["block_scorer"], "bonus_cap": d.get("bonus_cap"),
            "deduction_cap": d.get("deduction_cap"), "women_share_threshold": d["women_share_threshold"],
            "tie_break": d["tie_break"], "note": d.get("note") or "", "groups": groups,
            "bands": [{"name": f.cleaned_data["name"], "min_score": f.cleaned_data["min_number"]}
                      for f in self.bands.kept()],
            "disqualifiers": [{"code": f.cleaned_data["code"], "text": f.cleaned_data["text"]}
                              for f in self.disqualifiers.kept()]}

    def add_service_errors(self, exc: ValidationError) -> None:
        """What only the service knows (a status, a rule the rows passed) goes above the tables."""
        fields = self.settings.fields
        for field, messages in (exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]):
            self.settings.add_error(field if field in fields else None, messages)


def _total(data, prefix: str) -> int:
    raw = data.get(f"{prefix}-TOTAL_FORMS") or "0"
    return min(int(raw), 500) if str(raw).isdigit() else 0


def _initial(template) -> dict:
    groups, criteria = [], []
    for group in template.groups.prefetch_related("criteria"):
        groups.append({"code": group.code, "name": group.name, "max_points": fmt(group.max_points)})
        criteria.extend({"group": group.code, "code": c.code, "name": c.name, "max_points": fmt(c.max_points),
                         "kind": c.kind, "required_evidence": c.required_evidence,
                         "evidence_required": c.evidence_required, "guidance": c.guidance}
                        for c in group.criteria.all())
    ties = list(template.tie_break or [])[:3]
    settings = {"scale": template.scale, "block_scorer": template.block_scorer,
                "bonus_cap": template.bonus_cap, "deduction_cap": template.deduction_cap,
                "women_share_threshold": percent(template.women_share_threshold), "note": template.note}
    settings.update({slot: key for slot, key in zip(TIE_SLOTS, ties)})
    return {"settings": settings, "groups": groups, "criteria": criteria,
            "bands": [{"name": b.name, "min_score": fmt(b.min_score)} for b in template.bands.all()],
            "disqualifiers": [{"code": d.code, "text": d.text} for d in template.disqualifiers.all()]}
