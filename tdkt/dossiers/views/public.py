"""Pages without login: the public disclosure of dossiers and the verification of a certificate."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tdkt.core.fetch import fetch
from tdkt.core.forms import run_service
from tdkt.core.limits import limit_anonymous_writes

from ..forms import (
    CommentForm,
    VerifyUploadForm,
)
from ..models import Dossier
from ..services import decisions, issuance, wording

# --- Public disclosure (no login) --------------------------------------------------------------

def disclosure_list(request):
    """PUBLIC: the lists under disclosure (Dossier.objects.on_disclosure), for anyone."""
    dossiers = Dossier.objects.on_disclosure().select_related("proposing_unit").order_by("disclosure_end")
    for d in dossiers:
        d.public_nominees = wording.passed_nominees(d)
    return render(request, "dossiers/disclosure_list.html", {"dossiers": dossiers})


@require_http_methods(["GET", "POST"])
@limit_anonymous_writes("comment")
@fetch(Dossier, public="on_disclosure")
def disclosure_detail(request, dossier):
    nominees = wording.passed_nominees(dossier)
    form = CommentForm(request.POST or None, nominees=nominees)
    if request.method == "POST" and form.is_valid():
        if run_service(form, decisions.add_comment, dossier, **form.cleaned_data):
            messages.success(request, "Cảm ơn ông/bà đã góp ý. Ý kiến đã được chuyển đến cơ quan thi đua, khen thưởng.")
            return redirect("dossiers:disclosure", pk=dossier.pk)
    return render(request, "dossiers/disclosure_detail.html", {"dossier": dossier, "nominees": nominees, "form": form})


# --- Public verification of a certificate ------------------------------------------------------

@require_http_methods(["GET", "POST"])
@limit_anonymous_writes("verify")
def verify(request, code=None):
    """What the QR code opens: the register's entry for the certificate (no login), and a form that
    checks an uploaded PDF's digital signature and whether it is the very file the register issued."""
    cert = None
    if code is not None:
        cert = issuance.find_certificate(code)
        if cert is None:
            raise Http404
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    result = match = None
    if request.method == "POST" and form.is_valid():
        result, match = issuance.verify_upload(form.cleaned_data["data"])
    return render(request, "dossiers/verify.html", {"cert": cert, "form": form, "result": result, "match": match,
                                                    "checked": result is not None})


