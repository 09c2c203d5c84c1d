"""Forms of the year's emulation work: the registration deadline and the Excel registration, movements
(drawing up, editing a draft, reviews, documents) and covenants (drafting, signing, results).

The hints (`help_text`) say in plain words what the legal terms mean (Luật Thi đua, khen thưởng
2022): regular against thematic movements, a covenant, a registration."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.core.widgets import SearchSelect, SearchSelectMultiple, unit_context
from tdkt.org.models import Unit

from .block_forms import RowForm, RowFormSet
from .choices import CovenantKind, Direction, MovementKind, PeriodKind, ResultPeriod, ReviewKind
from .workflow import AMOUNT_LIMIT, decimal_or_error


def scoped_units(user):
    return Unit.objects.visible_to(user).active().select_related("parent").order_by("sort_key")


# --- Registrations ---------------------------------------------------------------------------------

class RegistrationPeriodForm(StyledForm):
    year = forms.IntegerField(label="Năm")
    deadline = VnDateField(label="Hạn đăng ký",
                           help_text="Các đơn vị đăng ký và gửi được đến hết ngày này; sau hạn, đăng ký chỉ còn xem.")
    note = forms.CharField(label="Căn cứ", max_length=300, required=False,
                           help_text="Văn bản hướng dẫn đăng ký thi đua (số, ngày), ví dụ Công văn 12/SNV-TĐKT.")


class RegistrationImportForm(StyledForm):
    file = forms.FileField(
        label="Tệp Excel đăng ký (.xlsx)",
        help_text="Tải tệp mẫu có sẵn danh sách người của đơn vị, ghi “x” vào cột danh hiệu mỗi người đăng ký, "
                  "rồi tải lên. Tệp được kiểm tra toàn bộ trước; có một dòng sai thì không lưu gì.")


# --- Movements -------------------------------------------------------------------------------------

KIND_HELP = ("Thường xuyên: thi đua hằng năm gắn với chức năng, nhiệm vụ, có đăng ký, giao ước và tổng kết cuối năm. "
             "Chuyên đề (theo đợt): thi đua để đạt một mục tiêu cụ thể trong một thời gian xác định; tổng kết xong "
             "có thể đề nghị khen thưởng chuyên đề.")


class MovementForm(StyledForm):
    title = forms.CharField(label="Tên phong trào", max_length=300)
    kind = forms.ChoiceField(label="Loại phong trào", choices=MovementKind.choices, help_text=KIND_HELP)
    launching_unit = forms.ModelChoiceField(label="Cấp phát động", queryset=Unit.objects.none(),
                                            widget=SearchSelect(describe=unit_context),
                                            help_text="Đơn vị phát động; phong trào chỉ đến các đơn vị thuộc phạm vi "
                                                      "của đơn vị này.")
    theme = forms.CharField(label="Chủ đề", max_length=500, required=False)
    motto = forms.CharField(label="Phương châm", max_length=500, required=False)
    contents = forms.CharField(label="Nội dung thi đua (mỗi dòng một nội dung)", widget=forms.Textarea(attrs={"rows": 5}))
    period_kind = forms.ChoiceField(label="Thời gian thực hiện", choices=PeriodKind.choices,
                                    help_text="Năm dương lịch: bắt đầu và kết thúc cùng năm; năm học: kết thúc năm "
                                              "sau; nhiều năm: phong trào theo đợt kéo dài nhiều năm.")
    start_year = forms.IntegerField(label="Từ năm")
    end_year = forms.IntegerField(label="Đến năm")
    targets = forms.CharField(label="Chỉ tiêu, mục tiêu", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    covered_units = forms.ModelMultipleChoiceField(label="Đối tượng thi đua (phát động đến các đơn vị và đơn vị trực thuộc)",
                                                   queryset=Unit.objects.none(),
                                                   widget=SearchSelectMultiple(describe=unit_context))

    def add_fields(self, user):
        self.fields["launching_unit"].queryset = scoped_units(user)
        self.fields["covered_units"].queryset = scoped_units(user)

    def clean_contents(self):
        return [line.strip() for line in self.cleaned_data["contents"].splitlines() if line.strip()]

    @staticmethod
    def initial_of(movement) -> dict:
        """What the form shows to edit a draft movement: the movement as it is."""
        return {"title": movement.title, "kind": movement.kind, "launching_unit": movement.launching_unit_id,
                "theme": movement.theme, "motto": movement.motto, "contents": "\n".join(movement.contents or []),
                "period_kind": movement.period_kind, "start_year": movement.start_year,
                "end_year": movement.end_year, "targets": movement.targets,
                "covered_units": list(movement.covered_units.values_list("pk", flat=True))}


class ReviewForm(StyledForm):
    kind = forms.ChoiceField(label="Sơ kết hay tổng kết", choices=ReviewKind.choices,
                             help_text="Sơ kết: đánh giá giữa chừng; tổng kết: kết thúc phong trào (không ghi thêm "
                                       "được nữa).")
    held_on = VnDateField(label="Ngày sơ kết, tổng kết")
    results = forms.CharField(label="Kết quả", widget=forms.Textarea(attrs={"rows": 3}))


class MovementDocumentForm(StyledForm):
    title = forms.CharField(label="Trích yếu (kế hoạch, hướng dẫn, báo cáo…)", max_length=300)
    file = forms.FileField(label="Tệp (PDF, DOCX hoặc XLSX)")


# --- Covenants -------------------------------------------------------------------------------------

class CovenantForm(StyledForm):
    """The covenant itself; its indicators are the table below it (`CovenantEditor`)."""

    kind = forms.ChoiceField(label="Loại giao ước", choices=CovenantKind.choices,
                             help_text="Giao ước thi đua: cam kết bằng văn bản giữa các bên về những chỉ tiêu sẽ đạt "
                                       "trong năm; các bên ký, rồi báo cáo kết quả sơ kết 6 tháng và tổng kết năm.")
    title = forms.CharField(label="Tên giao ước", max_length=300)
    theme = forms.CharField(label="Chủ đề", max_length=500, required=False)
    year = forms.IntegerField(label="Năm")
    parties = forms.ModelMultipleChoiceField(label="Các xã (với giao ước tỉnh – xã)", queryset=Unit.objects.none(),
                                             required=False, widget=SearchSelectMultiple(describe=unit_context))

    def add_fields(self, user):
        self.fields["parties"].queryset = Unit.objects.active().select_related("parent").order_by("sort_key").filter(kind="commune")


class _RowErrors:
    """The service's number check (workflow.decimal_or_error) writing onto one row's field."""

    def __init__(self, form, field: str):
        self.form, self.field = form, field

    def add(self, _field, message):
        self.form.add_error(self.field, message)


def number_text(raw: str) -> str:
    """A number as Vietnamese users type it: "1.500.000" and "1.500,5" have dots between thousands;
    "12,5" and "12.5" are twelve and a half (as elsewhere in the application)."""
    text = (raw or "").strip().replace("\u00a0", "").replace(" ", "")
    if text.count(".") > 1 or ("," in text and "." in text and text.index(".") < text.index(",")):
        text = text.replace(".", "")
    return text


class IndicatorRow(RowForm):
    """One indicator of a covenant: what is measured, in what unit, the committed target, and whether
    a lower value is the better one (late reports, accidents)."""

    widths = {"name": 22, "unit_of_measure": 6, "target": 7}
    name = forms.CharField(label="Nội dung chỉ tiêu", max_length=500)
    unit_of_measure = forms.CharField(label="Đơn vị tính", max_length=50)
    target = forms.CharField(label="Chỉ tiêu đăng ký", max_length=30,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    lower = forms.BooleanField(label="Càng thấp càng tốt", required=False)

    def clean(self):
        data = super().clean()
        raw = data.get("target")
        if raw:
            text = number_text(raw)
            try:
                Decimal(text.replace(",", "."))
            except ArithmeticError:
                self.add_error("target", f"Chỉ tiêu đăng ký: “{raw.strip()}” không phải là số.")
                return data
            data["target_number"] = decimal_or_error(text, _RowErrors(self, "target"), "target",
                                                     "Chỉ tiêu đăng ký", maximum=AMOUNT_LIMIT)
        return data


IndicatorFormSet = forms.formset_factory(IndicatorRow, formset=RowFormSet, extra=2, can_delete=True, max_num=200,
                                         validate_max=True)
INDICATOR_HELP = ("Mỗi dòng một chỉ tiêu đo được: nội dung, đơn vị tính (%, hồ sơ, tỷ đồng…) và con số cam kết. Đánh "
                  "dấu “Càng thấp càng tốt” cho chỉ tiêu đạt khi kết quả không vượt con số cam kết (ví dụ tỷ lệ hồ sơ "
                  "trễ hạn). Cần thêm dòng: bấm “Thêm dòng”; bỏ một dòng: đánh dấu “Xóa dòng”.")


class CovenantEditor:
    """The covenant page: the covenant's fields and its indicators as an editable table, checked
    together so that every row shows its own messages at once and nothing typed is lost."""

    prefix = "ct"

    def __init__(self, data=None, *, user=None, initial=None):
        self.form = CovenantForm(data, user=user, initial=initial)
        self.indicators = IndicatorFormSet(data, prefix=self.prefix)
        self.table_errors: list[str] = []

    def is_valid(self) -> bool:
        self.form.is_valid()
        self.indicators.is_valid()   # every row is checked, whatever the others say
        self.table_errors = list(self.indicators.non_form_errors())
        if not self.indicators.non_form_errors() and not self.indicators.kept():
            self.table_errors.append("Giao ước phải có ít nhất một chỉ tiêu: ghi vào bảng chỉ tiêu.")
        return not (self.form.errors or self.table_errors or self.row_errors())

    def row_errors(self) -> int:
        fs = self.indicators
        return sum(1 for f in fs.forms if f.errors and not fs.deleted(f))

    def rows(self) -> list[dict]:
        """The indicators as the service (and the API's JSON body) has them."""
        return [{"name": f.cleaned_data["name"].strip(), "unit_of_measure": f.cleaned_data["unit_of_measure"].strip(),
                 "target": f.cleaned_data["target_number"],
                 "direction": Direction.LOWER if f.cleaned_data.get("lower") else Direction.HIGHER}
                for f in self.indicators.kept()]

    def add_service_errors(self, exc: ValidationError) -> None:
        """What only the service knows (a party outside the block, the year): on the form's fields;
        what it says of the indicators, above the table."""
        items = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
        for field, messages in items:
            if field == "indicators":
                self.table_errors.extend(messages)
            else:
                self.form.add_error(field if field in self.form.fields else None, messages)


class SignForm(StyledForm):
    signatory = forms.CharField(label="Người ký (họ tên, chức vụ)", max_length=200)


class PeriodForm(StyledForm):
    period = forms.ChoiceField(label="Kỳ đánh giá", choices=ResultPeriod.choices, initial=ResultPeriod.YEAR_END)
