"""Forms of the year's emulation work: the registration deadline and the Excel registration, movements
(drawing up, editing a draft, reviews, documents) and covenants (drafting, signing, results).

The hints (`help_text`) say in plain words what the legal terms mean (Luật Thi đua, khen thưởng
2022): regular against thematic movements, a covenant, a registration."""
from __future__ import annotations

from django import forms

from tdkt.core.forms import StyledForm, VnDateField
from tdkt.core.widgets import SearchSelect, SearchSelectMultiple, unit_context
from tdkt.org.models import Unit

from .choices import CovenantKind, Direction, MovementKind, PeriodKind, ResultPeriod, ReviewKind


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

def _pipe(line: str) -> list[str]:
    return [p.strip() for p in line.split("|")]


class CovenantForm(StyledForm):
    kind = forms.ChoiceField(label="Loại giao ước", choices=CovenantKind.choices,
                             help_text="Giao ước thi đua: cam kết bằng văn bản giữa các bên về những chỉ tiêu sẽ đạt "
                                       "trong năm; các bên ký, rồi báo cáo kết quả sơ kết 6 tháng và tổng kết năm.")
    title = forms.CharField(label="Tên giao ước", max_length=300)
    theme = forms.CharField(label="Chủ đề", max_length=500, required=False)
    year = forms.IntegerField(label="Năm")
    parties = forms.ModelMultipleChoiceField(label="Các xã (với giao ước tỉnh – xã)", queryset=Unit.objects.none(),
                                             required=False, widget=SearchSelectMultiple(describe=unit_context))
    indicators = forms.CharField(
        label="Chỉ tiêu", widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Mỗi dòng một chỉ tiêu: “nội dung | đơn vị tính | chỉ tiêu | thấp (nếu càng thấp càng tốt)”.")

    def add_fields(self, user):
        self.fields["parties"].queryset = Unit.objects.active().select_related("parent").order_by("sort_key").filter(kind="commune")

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
