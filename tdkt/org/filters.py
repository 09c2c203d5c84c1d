"""Filters for units and people, shared by the pages and the API."""
import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIteratorValue
from django.urls import reverse_lazy
from django.utils.text import format_lazy

from tdkt.core.text import fold
from tdkt.core.widgets import SearchSelect, unit_context

from .choices import EmploymentKind, Gender, UnitKind
from .models import Person, Unit

MAX_ID = 2**63 - 1


class IntFilter(django_filters.Filter):
    """A whole number within bounds, so that a huge or fractional value is a form error, never a
    database overflow. Defaults fit a database id; pass min_value/max_value for years."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value=1, max_value=MAX_ID, **kwargs):
        label = kwargs.get("label", "Giá trị")
        kwargs.setdefault("min_value", min_value)
        kwargs.setdefault("max_value", max_value)
        kwargs.setdefault("error_messages", {
            "invalid": f"{label}: phải là số nguyên.",
            "min_value": f"{label}: không được nhỏ hơn {min_value}.",
            "max_value": f"{label}: không được lớn hơn {max_value}.",
        })
        super().__init__(*args, **kwargs)


class YearFilter(IntFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2100, **kwargs)


class UnitPickerSelect(SearchSelect):
    """The unit filter of a list as the searchable picker in server mode: the page carries only the
    chosen unit (a province has some 500 units), the picker asks the search endpoint (org.search,
    which answers within the user's scope) and shows each unit's parent. The FilterSet gives the
    user's units in `units` so the chosen one is named only within the user's scope."""

    def __init__(self, attrs=None):
        super().__init__(attrs, describe=unit_context, placeholder="Tất cả đơn vị – gõ tên để tìm (không cần dấu)…",
                         url=format_lazy("{}?loai=don-vi", reverse_lazy("org:lookup")))
        self.units = None

    def optgroups(self, name, value, attrs=None):
        ids = [int(v) for v in value if str(v).isdigit() and int(v) <= MAX_ID][:1]
        units = self.units if self.units is not None else Unit.objects.all()
        chosen = units.filter(pk__in=ids).select_related("parent") if ids else []
        self.choices = [("", "Tất cả đơn vị")] + [(ModelChoiceIteratorValue(u.pk, u), u.name) for u in chosen]
        return super().optgroups(name, value, attrs)


class UnitTreeFilter(IntFilter):
    """A unit and its whole subtree (with the units merged into them), chosen with the picker. The
    query parameter is the unit's id, as before: `?unit=12` on the page and in the API."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "unit_id")
        kwargs.setdefault("label", "Đơn vị")
        kwargs.setdefault("widget", UnitPickerSelect())
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        from tdkt.core.scope import unit_subtree_ids

        unit = Unit.objects.filter(pk=value).first()
        if unit is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__in": unit_subtree_ids(unit)})


class ScopedUnitPicker:
    """A FilterSet mixin: given the request, the unit picker names a chosen unit only within the
    user's scope (`FilterSet(request.GET, queryset=…, request=request)`)."""

    @property
    def form(self):
        form = super().form
        user = getattr(getattr(self, "request", None), "user", None)
        field = form.fields.get("unit")
        if user is not None and field is not None and isinstance(field.widget, UnitPickerSelect):
            field.widget.units = Unit.objects.visible_to(user)
        return form


def search_filter(queryset, name, value):
    """Every word of the query must appear in the folded text: diacritics, case and đ/d ignored."""
    words = fold(value).split()
    for word in words[:8]:
        queryset = queryset.filter(**{f"{name}__contains": word})
    return queryset


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="search_text", method=lambda qs, n, v: search_filter(qs, n, v),
                                  label="Tìm đơn vị")
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label="Loại đơn vị", empty_label="Tất cả")
    parent = IntFilter(field_name="parent_id", label="Đơn vị cấp trên")
    active = django_filters.BooleanFilter(method="filter_active", label="Đang hoạt động")

    class Meta:
        model = Unit
        fields = ["q", "kind", "parent", "active"]

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        cond = Q(merged_into__isnull=True, dissolved_on__isnull=True)
        return queryset.filter(cond) if value else queryset.exclude(cond)


class PersonFilter(ScopedUnitPicker, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="search_text", method=lambda qs, n, v: search_filter(qs, n, v),
                                  label="Họ tên")
    unit = UnitTreeFilter(label="Đơn vị")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label="Giới tính", empty_label="Tất cả")
    employment_kind = django_filters.ChoiceFilter(choices=EmploymentKind.choices, label="Loại cán bộ",
                                                  empty_label="Tất cả")
    is_leader = django_filters.BooleanFilter(label="Lãnh đạo, quản lý")
    is_direct_worker = django_filters.BooleanFilter(label="Trực tiếp lao động, sản xuất")
    birth_year = YearFilter(field_name="birth_date__year", label="Năm sinh")

    class Meta:
        model = Person
        fields = ["q", "unit", "gender", "employment_kind", "is_leader", "is_direct_worker", "birth_year"]
