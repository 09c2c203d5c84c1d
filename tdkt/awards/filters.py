"""Filters for award records, decisions, ratings and initiatives, shared by the pages and the API."""
import django_filters
from django.db.models import Q

from tdkt.core.text import fold
from tdkt.org.filters import IntFilter, ScopedUnitPicker, UnitTreeFilter, YearFilter, search_filter

from .choices import Authority, AwardCategory, AwardStatus, CommendationKind, InitiativeScope, RatingLevel, SubjectKind
from .models import AwardRecord, AwardType, Decision, Initiative, Rating


class AwardRecordFilter(ScopedUnitPicker, django_filters.FilterSet):
    year = YearFilter(label="Năm thành tích")
    year_from = YearFilter(field_name="year", lookup_expr="gte", label="Từ năm")
    year_to = YearFilter(field_name="year", lookup_expr="lte", label="Đến năm")
    award = django_filters.ModelChoiceFilter(field_name="award_type", to_field_name="code",
                                             queryset=AwardType.objects.all(), label="Danh hiệu, hình thức",
                                             empty_label="Tất cả")
    category = django_filters.ChoiceFilter(field_name="award_type__category", choices=AwardCategory.choices,
                                           label="Loại", empty_label="Tất cả")
    unit = UnitTreeFilter(label="Đơn vị")
    kind = django_filters.ChoiceFilter(choices=CommendationKind.choices, label="Loại hình", empty_label="Tất cả")
    subject_kind = django_filters.ChoiceFilter(choices=SubjectKind.choices, label="Đối tượng", empty_label="Tất cả")
    status = django_filters.ChoiceFilter(choices=AwardStatus.choices, label="Tình trạng", empty_label="Tất cả")
    person = IntFilter(field_name="person_id", label="Cá nhân")
    decision = IntFilter(field_name="decision_id", label="Quyết định")
    q = django_filters.CharFilter(method="filter_q", label="Tên người, tập thể")

    class Meta:
        model = AwardRecord
        fields = ["year", "year_from", "year_to", "award", "category", "unit", "kind", "subject_kind", "status",
                  "person", "decision", "q"]

    def filter_q(self, queryset, name, value):
        """Every word must appear in the recipient's folded name (person, collective or household)."""
        for word in fold(value).split()[:8]:
            queryset = queryset.filter(Q(person__search_text__contains=word)
                                       | Q(recipient_unit__search_text__contains=word)
                                       | Q(household__search_text__contains=word))
        return queryset


class DecisionFilter(django_filters.FilterSet):
    year = YearFilter(label="Năm ký")
    authority = django_filters.ChoiceFilter(choices=Authority.choices, label="Cấp quyết định", empty_label="Tất cả")
    q = django_filters.CharFilter(field_name="search_text", method=lambda qs, n, v: search_filter(qs, n, v),
                                  label="Số, trích yếu")
    signed_from = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte", label="Ký từ ngày")
    signed_to = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte", label="Ký đến ngày")

    class Meta:
        model = Decision
        fields = ["year", "authority", "q", "signed_from", "signed_to"]


class RatingFilter(ScopedUnitPicker, django_filters.FilterSet):
    year = YearFilter(label="Năm")
    level = django_filters.ChoiceFilter(choices=RatingLevel.choices, label="Mức xếp loại", empty_label="Tất cả")
    unit = UnitTreeFilter(label="Đơn vị")
    person = IntFilter(field_name="person_id", label="Cá nhân")
    subject_kind = django_filters.ChoiceFilter(method="filter_subject", label="Đối tượng", empty_label="Tất cả",
                                               choices=[("individual", "Cá nhân"), ("collective", "Tập thể")])

    class Meta:
        model = Rating
        fields = ["year", "level", "unit", "person", "subject_kind"]

    def filter_subject(self, queryset, name, value):
        return queryset.filter(person__isnull=(value != "individual"))


class InitiativeFilter(ScopedUnitPicker, django_filters.FilterSet):
    year = YearFilter(label="Năm")
    scope = django_filters.ChoiceFilter(choices=InitiativeScope.choices, label="Phạm vi", empty_label="Tất cả")
    unit = UnitTreeFilter(label="Đơn vị")
    author = IntFilter(field_name="authors", label="Tác giả")

    class Meta:
        model = Initiative
        fields = ["year", "scope", "unit", "author"]
