"""Print-on-blank layouts (phôi) of the certificates: the editor and a sample print."""
from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tdkt.core.forms import run_service
from tdkt.documents.certificate import FIELD_LABELS, layout_to_dict, render_certificates_pdf

from ..forms import (
    LayoutForm,
)
from ..services import issuance
from ..workflow import require_office
from .common import file_response


@login_required
@require_http_methods(["GET", "POST"])
def layout_settings(request, name):
    """The office places the variable text on its own blanks (phôi), in millimetres."""
    require_office(request.user)
    if name not in issuance.LAYOUT_NAMES:
        raise Http404
    current = issuance.layout_for(name)
    form = LayoutForm(request.POST or None, initial={"layout_json": json.dumps(layout_to_dict(current), ensure_ascii=False,
                                                                        indent=2)})
    if request.method == "POST" and form.is_valid():
        if run_service(form, issuance.save_layout, request.user, name, form.cleaned_data["layout_json"]):
            messages.success(request, f"Đã lưu mẫu in phôi “{issuance.LAYOUT_NAMES[name]}”.")
            return redirect("dossiers:layout", name=name)
    return render(request, "dossiers/layout_settings.html", {
        "form": form, "name": name, "names": issuance.LAYOUT_NAMES, "layout": current,
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


