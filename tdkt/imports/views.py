"""Import pages: upload, template download, preview with progress (HTMX steps), commit, own batch list.

Every page needs a writing role (a read-only role gets 403) and shows only the user's own batches
(another user's batch answers 404).
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tdkt.core.fetch import fetch, require
from tdkt.core.scope import can_write

from . import services
from .forms import UploadForm
from .models import KIND_SLUGS, SLUG_KINDS, BatchStatus, ImportBatch
from .parsing import ImportFileError
from .workbook import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


MSG_NO_WRITE = "Tài khoản của bạn không có quyền nhập dữ liệu."
# A batch is private to its uploader (ImportBatch.objects.editable_by). The duplicate-tracking state
# of a big file runs to megabytes: loaded only by a validation step.
OWN_BATCHES = ImportBatch.objects.defer("state")


def _require_writer(request):
    if not can_write(request.user):
        raise PermissionDenied(MSG_NO_WRITE)


@login_required
def upload(request):
    _require_writer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(request.user, form.cleaned_data["kind"], form.cleaned_data["file"])
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect(batch)
    recent = ImportBatch.objects.visible_to(request.user).defer("state", "errors")[:5]
    return render(request, "imports/upload.html", {"form": form, "recent": recent, "slugs": KIND_SLUGS})


@login_required
def batch_list(request):
    _require_writer(request)
    batches = ImportBatch.objects.visible_to(request.user).defer("state", "errors")
    page = Paginator(batches, 25).get_page(request.GET.get("page"))
    return render(request, "imports/batch_list.html", {"page": page})


@login_required
def template_download(request, slug):
    _require_writer(request)
    kind = SLUG_KINDS.get(slug)
    if kind is None:
        raise Http404("Không có tệp mẫu này.")
    response = HttpResponse(build_template(kind, request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{slug}.xlsx"'
    return response


@login_required
@require(can_write, MSG_NO_WRITE)
@fetch(OWN_BATCHES, editable=True, name="batch")
def batch_detail(request, batch):
    return render(request, "imports/batch_detail.html", {"batch": batch})


@login_required
@require_POST
@require(can_write, MSG_NO_WRITE)
@fetch(OWN_BATCHES, editable=True, name="batch")
def batch_step(request, batch):
    """One validation step; HTMX swaps in the returned fragment (another step or the result)."""
    batch = services.validate_step(request.user, batch)
    if request.htmx:
        return render(request, "imports/_status.html", {"batch": batch})
    return redirect(batch)


@login_required
@require_POST
@require(can_write, MSG_NO_WRITE)
@fetch(OWN_BATCHES, editable=True, name="batch")
def batch_commit(request, batch):
    """Write the checked file: at once, or as a background job for a long file (its page shows the
    progress and links back to the batch)."""
    from django.conf import settings

    from tdkt.core import jobs

    from .tasks import commit_import, commit_message

    if batch.status == BatchStatus.VALID and batch.data_rows > settings.TDKT_IMPORT_INLINE_ROWS:
        job = jobs.start(request.user, "imports.commit", f"Ghi tệp nhập “{batch.original_name}”", commit_import,
                         batch.pk, params={"batch": batch.pk})
        return redirect(job)
    try:
        batch = services.commit_batch(request.user, batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(batch)
    if batch.status == BatchStatus.COMMITTED:
        messages.success(request, commit_message(batch))
    else:
        messages.error(request, batch.message or "Không ghi được tệp; chưa có dòng nào được lưu.")
    return redirect(batch)
    if batch.status == BatchStatus.COMMITTED:
        what = "cá nhân" if batch.kind == "people" else "khen thưởng"
        extra = f", {batch.decisions_created} quyết định mới" if batch.decisions_created else ""
        messages.success(request, f"Đã ghi {batch.created_count} {what}{extra} từ tệp “{batch.original_name}”.")
    else:
        messages.error(request, batch.message or "Không ghi được tệp; chưa có dòng nào được lưu.")
    return redirect(batch)
