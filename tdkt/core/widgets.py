"""The searchable picker: one widget for every long list of units, people or households.

It renders the ordinary `<select>` of the field (so the choices are exactly the form's queryset,
scoped to what the user may see, and the page still works without JavaScript) plus
`core/picker.js`, which hides the select and puts a combobox in its place: type to search,
ignoring diacritics and case ("van phong" finds "Văn phòng", đ matches d); each result shows its
context (the parent unit, a person's position and unit); arrows, Enter and Escape work; a multiple
choice is a row of chips with a remove button each (no Ctrl-click). The select keeps the value, so
forms post as before and htmx sees its change events.

`describe(obj)` gives an option's context line; keep the queryset's `select_related` in step with it.
A list too long to send with the page (a province's people) sets `url`, a search endpoint
(tdkt/org/search.py) that answers within the user's scope: the page then carries only the chosen
options, and the form still checks the value against its own queryset.
"""
from __future__ import annotations

from django import forms


class SearchSelect(forms.Select):
    template_name = "core/widgets/search_select.html"

    def __init__(self, attrs=None, choices=(), *, describe=None, placeholder: str = "Gõ để tìm (không cần dấu)…",
                 url: str = ""):
        super().__init__(attrs, choices)
        self.describe = describe
        self.placeholder = placeholder
        self.url = url

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-picker"] = "multiple" if self.allow_multiple_selected else "single"
        attrs["data-placeholder"] = self.placeholder
        if self.url:
            attrs["data-picker-url"] = self.url
        return attrs

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        if not self.url or not hasattr(iterator, "queryset"):
            return super().optgroups(name, value, attrs)
        # Server mode: only the chosen records, not the whole queryset.
        chosen = iterator.queryset.filter(pk__in=[v for v in value if str(v).isdigit()])
        empty = [("", iterator.field.empty_label)] if iterator.field.empty_label is not None else []
        self.choices = empty + [iterator.choice(obj) for obj in chosen]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if self.describe is not None and instance is not None:
            context = self.describe(instance)
            if context:
                option["attrs"]["data-context"] = context
        return option


class SearchSelectMultiple(SearchSelect, forms.SelectMultiple):
    allow_multiple_selected = True


def unit_context(unit) -> str:
    """A unit's parent ("Văn phòng" – "Sở Tư pháp"): many units share a name. Needs `select_related("parent")`."""
    return unit.parent.name if unit.parent_id else ""


def person_context(person) -> str:
    """A person's position and unit. Needs `select_related("unit")`."""
    return " – ".join(p for p in (person.position, person.unit.name) if p)


def searchable(field, describe=None, placeholder: str | None = None):
    """Give a choice field the picker, keeping its choices and label; returns the field."""
    widget_class = SearchSelectMultiple if isinstance(field, forms.MultipleChoiceField) else SearchSelect
    old = field.widget
    kwargs = {"describe": describe}
    if placeholder:
        kwargs["placeholder"] = placeholder
    field.widget = widget_class(attrs=dict(old.attrs), **kwargs)
    field.widget.is_required = old.is_required
    field.widget.choices = field.choices
    return field
