"""Forms of the dossier pages; each only collects input, the services validate and write."""
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse

from tdkt.awards.choices import Authority, CommendationKind, SubjectKind
from tdkt.awards.models import AwardType
from tdkt.core.choices import Role
from tdkt.core.forms import StyledForm, VnDateField
from tdkt.core.scope import unit_subtree_ids
from tdkt.core.uploads import opens_as
from tdkt.core.widgets import SearchSelect, person_context, unit_context
from tdkt.org.models import Household, Person, Unit

from .choices import Appraisal, AttachmentKind, DossierStatus
from .models import Dossier


class DossierForm(StyledForm):
    proposing_unit = forms.ModelChoiceField(label="Đơn vị đề nghị", queryset=Unit.objects.none(),
                                            widget=SearchSelect(describe=unit_context))
    title = forms.CharField(label="Trích yếu", max_length=300)
    authority = forms.ChoiceField(label="Đề nghị cấp quyết định", choices=Authority.choices,
                                  initial=Authority.PROVINCE_CHAIR)
    kind = forms.ChoiceField(label="Loại hình khen thưởng", choices=CommendationKind.choices)
    year = forms.IntegerField(label="Năm thành tích")
    movement = forms.CharField(label="Phong trào thi đua (khen chuyên đề)", max_length=300, required=False)
    period_start = forms.IntegerField(label="Giai đoạn từ năm", required=False)
    period_end = forms.IntegerField(label="đến năm", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The glossary's "?" beside the fields that carry a legal term (core/form.html).
        for name, key in (("kind", "loai_hinh"), ("movement", "phong_trao"), ("title", "to_trinh")):
            self.fields[name].hint = key

    def add_fields(self, user):
        self.fields["proposing_unit"].queryset = (Unit.objects.visible_to(user).active().select_related("parent")
                                                  .order_by("sort_key"))


# Above this many people the nominee picker searches on the server (tdkt/org/search.py).
PEOPLE_SENT_WITH_THE_PAGE = 2000


class NomineeForm(StyledForm):
    subject_kind = forms.ChoiceField(label="Đối tượng", choices=SubjectKind.choices)
    person = forms.ModelChoiceField(label="Cá nhân", queryset=Person.objects.none(), required=False,
                                    widget=SearchSelect(describe=person_context))
    recipient_unit = forms.ModelChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False,
                                            widget=SearchSelect(describe=unit_context))
    household = forms.ModelChoiceField(label="Hộ gia đình", queryset=Household.objects.none(), required=False,
                                       widget=SearchSelect(describe=lambda h: h.address or ""))
    award_type = forms.ModelChoiceField(label="Hình thức đề nghị", queryset=AwardType.objects.none())
    achievement = forms.CharField(label="Tóm tắt thành tích", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, dossier: Dossier, **kwargs):
        self.dossier = dossier
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        from .services import AUTHORITY_AWARDS

        ids = unit_subtree_ids(self.dossier.proposing_unit)
        self.fields["person"].queryset = Person.objects.filter(unit_id__in=ids).select_related("unit").order_by("sort_key")
        self.fields["person"].label_from_instance = lambda p: p.full_name
        if self.fields["person"].queryset.count() > PEOPLE_SENT_WITH_THE_PAGE:
            self.fields["person"].widget.url = (reverse("org:lookup")
                                                + f"?loai=ca-nhan&trong={self.dossier.proposing_unit_id}")
        self.fields["recipient_unit"].queryset = Unit.objects.filter(pk__in=ids).select_related("parent").order_by("sort_key")
        self.fields["household"].queryset = Household.objects.filter(unit_id__in=ids).order_by("head_name")
        self.fields["award_type"].queryset = AwardType.objects.filter(
            authority__in=AUTHORITY_AWARDS[self.dossier.authority])


class AttachmentForm(StyledForm):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=AttachmentKind.choices)
    nominee = forms.ModelChoiceField(label="Của đối tượng", queryset=None, required=False,
                                     help_text="Báo cáo thành tích và các xác nhận gắn với một đối tượng.")
    file = forms.FileField(label="Tệp (PDF, DOCX hoặc XLSX)")

    def __init__(self, *args, dossier: Dossier, **kwargs):
        self.dossier = dossier
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        self.fields["nominee"].queryset = self.dossier.nominees.all()
        self.fields["nominee"].label_from_instance = lambda n: n.recipient_name


class ReasonForm(StyledForm):
    reason = forms.CharField(label="Lý do, nội dung", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppraiseForm(StyledForm):
    outcome = forms.ChoiceField(label="Kết quả", choices=[(k, v) for k, v in Appraisal.choices if k != Appraisal.PENDING])
    reason = forms.CharField(label="Lý do (khi trả lại hoặc không đạt)", required=False, widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": "Lý do trả lại, nội dung cần bổ sung hoặc lý do không đạt",
               "aria-label": "Lý do"}))
    justification = forms.CharField(label="Giải trình (khi chấp thuận trái kết quả kiểm tra)", required=False,
                                    widget=forms.Textarea(attrs={
                                        "rows": 2, "aria-label": "Giải trình",
                                        "placeholder": "Giải trình khi chấp thuận đối tượng hệ thống xác định chưa đủ "
                                                       "điều kiện"}))


class NumberForm(StyledForm):
    number = forms.CharField(label="Số, ký hiệu văn thư đã cấp", max_length=50)
    signed_on = VnDateField(label="Ngày ban hành (theo sổ)")
    confirm = forms.BooleanField(label="Xác nhận số không theo thứ tự của sổ", required=False)
    reason = forms.CharField(label="Lý do (khi xác nhận số không theo thứ tự)", max_length=400, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("confirm") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Ghi lý do khi xác nhận số không theo thứ tự.")
        return data


class UpperDecisionForm(StyledForm):
    number = forms.CharField(label="Số, ký hiệu quyết định", max_length=50)
    signed_on = VnDateField(label="Ngày ký")
    awarded = forms.ModelMultipleChoiceField(label="Đối tượng được khen thưởng", queryset=None,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, dossier: Dossier, **kwargs):
        self.dossier = dossier
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        from .services.wording import passed_nominees

        self.fields["awarded"].queryset = passed_nominees(self.dossier)
        self.fields["awarded"].label_from_instance = lambda n: f"{n.recipient_name} – {n.award_type.name}"


class SessionForm(StyledForm):
    title = forms.CharField(label="Tên phiên họp", max_length=300)
    held_on = VnDateField(label="Ngày họp")
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    chair_name = forms.CharField(label="Chủ trì", max_length=150, required=False)
    secretary_name = forms.CharField(label="Thư ký", max_length=150, required=False)
    members = forms.ModelMultipleChoiceField(label="Thành viên Hội đồng", queryset=None,
                                             widget=forms.CheckboxSelectMultiple)
    dossiers = forms.ModelMultipleChoiceField(label="Hồ sơ đã thẩm định đưa ra Hội đồng", queryset=None,
                                              widget=forms.CheckboxSelectMultiple, required=False)

    def add_fields(self, user):
        User = get_user_model()
        self.fields["members"].queryset = (User.objects.filter(is_active=True, profile__role__in=[Role.COUNCIL, Role.LEADER])
                                           .order_by("first_name", "username"))
        self.fields["members"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username}" + (f" – {u.profile.title}" if u.profile.title else ""))
        self.fields["dossiers"].queryset = Dossier.objects.filter(status=DossierStatus.APPRAISED).select_related(
            "proposing_unit")
        self.fields["dossiers"].label_from_instance = lambda d: f"{d.code} – {d.title} ({d.proposing_unit.name})"


class ConflictForm(forms.Form):
    reason = forms.CharField(label="Lý do xung đột lợi ích", max_length=300)


class CommentForm(StyledForm):
    author_name = forms.CharField(label="Họ và tên", max_length=150)
    contact = forms.CharField(label="Điện thoại hoặc thư điện tử", max_length=150)
    nominee = forms.ModelChoiceField(label="Góp ý về", queryset=None, required=False, empty_label="Cả danh sách")
    content = forms.CharField(label="Nội dung góp ý", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, nominees, **kwargs):
        self.nominees = nominees
        super().__init__(*args, **kwargs)

    def add_fields(self, user):
        self.fields["nominee"].queryset = self.nominees
        self.fields["nominee"].label_from_instance = lambda n: f"{n.recipient_name} – {n.award_type.name}"


class LayoutForm(StyledForm):
    """The positions of a certificate blank as JSON; the service validates each field."""
    layout_json = forms.CharField(label="Vị trí các trường (JSON, đơn vị mm)", widget=forms.Textarea(attrs={"rows": 24,
                                                                                                  "class": "form-control font-monospace"}))

    def clean_layout_json(self):
        import json

        try:
            value = json.loads(self.cleaned_data["layout_json"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}.") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError("Mẫu phôi phải là một đối tượng JSON ({…}).")
        return value


VERIFY_MAX_BYTES = 10 * 1024 * 1024


class VerifyUploadForm(StyledForm):
    upload = forms.FileField(label="Tệp PDF của bằng (giấy khen) cần kiểm tra")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError("Tệp lớn hơn 10 MB: không phải tệp bằng do hệ thống phát hành.")
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError("Tệp không phải PDF.")
        if not opens_as(upload, "pdf"):
            raise forms.ValidationError("Tệp không phải PDF hợp lệ: chỉ phần đầu giống PDF, nội dung hỏng hoặc bị giả dạng.")
        self.cleaned_data["data"] = data
        return upload


# --- Nominees in bulk (intake.py) --------------------------------------------------------------

class DuePickForm(StyledForm):
    """The achievement written once for everyone picked from the due list (the people are checkboxes
    of the page, checked against the list again by the service)."""
    achievement = forms.CharField(label="Tóm tắt thành tích (chung cho những người được chọn)", max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class NomineeImportForm(StyledForm):
    file = forms.FileField(label="Tệp Excel (.xlsx) danh sách đối tượng",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
                           error_messages={"required": "Hãy chọn tệp Excel danh sách đối tượng.", "empty": "Tệp rỗng.",
                                           "invalid": "Tệp tải lên không hợp lệ."})
    achievement = forms.CharField(label="Tóm tắt thành tích cho dòng để trống cột “Tóm tắt thành tích”",
                                  max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AchievementForm(StyledForm):
    achievement = forms.CharField(label="Tóm tắt thành tích", max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
