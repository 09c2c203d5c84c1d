"""What the dossier pages share: the scoped base query, page sizes and file answers."""
from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from ..models import Dossier
from ..services import issuance

PAGE_SIZE = 25
DOSSIERS = Dossier.objects.select_related("proposing_unit", "decision")
# Each nominee is a block of its own (grounds, the verdict and its checks, appraisal): 25 read well on a page
# and keep a 300-nominee dossier as quick to open as the other lists.
NOMINEE_PAGE_SIZE = 25


def file_response(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response




def public_base(request) -> str:
    """The configured public address (settings refuse to start without one in production), never the
    host this request happened to use: it is printed in certificate QR codes."""
    return issuance.public_base()

