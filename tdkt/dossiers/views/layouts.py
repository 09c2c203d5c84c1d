"""Print-on-blank layouts (phôi) of the certificates: the editor and a sample print.

The editor is a table, one row per field of the certificate (x, y, width in millimetres, font size
in points, alignment, bold, italic, shown, printed on the blank), each row with its own errors, and
a drawing of the page with every field's box beside it. The JSON form stays as an advanced option
(copying a layout from one installation to another). Both save through `issuance.save_layout`."""
from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tdkt.core.forms import StyledForm, run_service
from tdkt.documents.certificate import (
    FIELD_LABELS,
    FIELDS,
    CertificateLayout,
    default_layout,
    layout_from_dict,
    layout_to_dict,
    preview_boxes,
    render_certificates_pdf,
)

from ..forms import LayoutForm
from ..services import issuance
from ..workflow import require_office
from .common import file_response

ALIGN_CHOICES = [("left", "Trái"), ("center", "Giữa"), ("right", "Phải")]


def _number(label: str, minimum: float, maximum: float, *, step: str = "0.5") -> forms.FloatField:
    return forms.FloatField(label=label, min_value=minimum, max_value=maximum,
                            widget=forms.NumberInput(attrs={"step": step, "class": "form-control form-control-sm"}),
                            error_messages={"required": f"Nhập {label.lower()}.",
                                            "invalid": f"{label} phải là một số (dùng dấu chấm cho phần lẻ).",
                                            "min_value": f"{label} phải từ %(limit_value)s trở lên.",
                                            "max_value": f"{label} không được quá %(limit_value)s."})


class PageForm(StyledForm):
    page_width_mm = _number("Chiều rộng khổ giấy (mm)", 50, 2000, step="1")
    page_height_mm = _number("Chiều cao khổ giấy (mm)", 50, 2000, step="1")


class FieldRowForm(forms.Form):
    """One field of the certificate; `page` (width, height) checks that the box stays on the page."""

    x_mm = _number("X (mm)", 0, 2000)
    y_mm = _number("Y (mm)", 0, 2000)
    width_mm = _number("Rộng (mm)", 1, 2000)
    font_size_pt = _number("Cỡ chữ (pt)", 4, 200)
    align = forms.ChoiceField(label="Căn lề", choices=ALIGN_CHOICES,
                              widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    bold = forms.BooleanField(label="Đậm", required=False)
    italic = forms.BooleanField(label="Nghiêng", required=False)
    visible = forms.BooleanField(label="Hiện", required=False)
    on_blank = forms.BooleanField(label="In lên phôi", required=False)

    def __init__(self, *args, key: str, page: tuple[float, float] | None = None, **kwargs):
        super().__init__(*args, prefix=key, **kwargs)
        self.key, self.label, self.page = key, FIELD_LABELS.get(key, key), page
        for field in ("bold", "italic", "visible", "on_blank"):
            self.fields[field].widget.attrs.update({"class": "form-check-input"})

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"

    def clean(self):
        data = super().clean()
        if self.page is None or self.errors:
            return data
        width, height = self.page
        x, y, w = data.get("x_mm"), data.get("y_mm"), data.get("width_mm")
        if x is not None and w is not None and x + w > width + 0.01:
            self.add_error("width_mm", f"Vượt ra ngoài khổ giấy: X + Rộng = {x + w:g} mm, lớn hơn chiều rộng "
                                       f"{width:g} mm.")
        if y is not None and y >= height:
            self.add_error("y_mm", f"Nằm ngoài khổ giấy: Y = {y:g} mm, phải nhỏ hơn chiều cao {height:g} mm.")
        return data


def _initial_rows(layout: CertificateLayout, name: str) -> dict[str, dict]:
    """The rows of a layout; a field the saved layout leaves out (the optional motto and "TẶNG") takes
    the default place, hidden."""
    defaults = default_layout(name)
    rows = {}
    for key in FIELDS:
        box = layout.fields.get(key) or defaults.fields.get(key)
        if box is None:
            continue
        rows[key] = {"x_mm": box.x_mm, "y_mm": box.y_mm, "width_mm": box.width_mm, "font_size_pt": box.font_size_pt,
                     "align": box.align, "bold": box.bold, "italic": box.italic,
                     "visible": box.visible and key in layout.fields, "on_blank": key in layout.blank_fields}
    return rows


def _build_forms(data, layout: CertificateLayout, name: str):
    page = PageForm(data, initial={"page_width_mm": layout.page_width_mm, "page_height_mm": layout.page_height_mm})
    size = None
    if data is not None and page.is_valid():
        size = (page.cleaned_data["page_width_mm"], page.cleaned_data["page_height_mm"])
    rows = [FieldRowForm(data, key=key, page=size, initial=initial)
            for key, initial in _initial_rows(layout, name).items()]
    return page, rows


def _layout_data(page: PageForm, rows: list[FieldRowForm], layout: CertificateLayout) -> dict:
    """The layout as the service takes it (the JSON form), keeping each field's colour."""
    fields = {}
    for row in rows:
        d = row.cleaned_data
        color = layout.fields[row.key].color if row.key in layout.fields else "#000000"
        fields[row.key] = {"x_mm": d["x_mm"], "y_mm": d["y_mm"], "width_mm": d["width_mm"],
                           "font_size_pt": d["font_size_pt"], "align": d["align"], "bold": d["bold"],
                           "italic": d["italic"], "color": color, "visible": d["visible"]}
    return {"page_width_mm": page.cleaned_data["page_width_mm"], "page_height_mm": page.cleaned_data["page_height_mm"],
            "fields": fields, "blank_fields": [row.key for row in rows if row.cleaned_data["on_blank"]]}


@login_required
@require_http_methods(["GET", "POST"])
def layout_settings(request, name):
    """The office places the variable text on its own blanks (phôi), in millimetres."""
    require_office(request.user)
    if name not in issuance.LAYOUT_NAMES:
        raise Http404
    current = issuance.layout_for(name)
    advanced = request.method == "POST" and "layout_json" in request.POST
    json_form = LayoutForm(request.POST if advanced else None,
                           initial={"layout_json": json.dumps(layout_to_dict(current), ensure_ascii=False, indent=2)})
    table_post = request.POST if request.method == "POST" and not advanced else None
    page, rows = _build_forms(table_post, current, name)
    shown = current
    saved = None
    if advanced and json_form.is_valid():
        saved = run_service(json_form, issuance.save_layout, request.user, name, json_form.cleaned_data["layout_json"])
    elif table_post is not None and page.is_valid() and all([row.is_valid() for row in rows]):
        data = _layout_data(page, rows, current)
        saved = run_service(page, issuance.save_layout, request.user, name, data)
        if saved is None:
            try:
                shown = layout_from_dict(data)
            except ValueError:
                pass
    if saved:
        messages.success(request, f"Đã lưu mẫu in phôi “{issuance.LAYOUT_NAMES[name]}”.")
        return redirect("dossiers:layout", name=name)
    row_errors = sum(1 for row in rows if row.errors)
    return render(request, "dossiers/layout_settings.html", {
        "form": json_form, "advanced": advanced, "page_form": page, "rows": rows, "row_errors": row_errors,
        "name": name, "names": issuance.LAYOUT_NAMES, "layout": shown, "boxes": preview_boxes(shown),
        "field_labels": FIELD_LABELS})


@login_required
def layout_preview(request, name):
    """A sample certificate with the saved layout, in print-on-blank mode, to test on a blank."""
    require_office(request.user)
    if name not in issuance.LAYOUT_NAMES:
        raise Http404
    sample = issuance.sample_certificate(name)
    pdf = render_certificates_pdf([sample], issuance.layout_for(name), print_on_blank=request.GET.get("day_du") != "1")[0]
    return file_response(pdf, f"Thu-phoi-{name}.pdf", "application/pdf")
