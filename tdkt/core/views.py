"""The history tab of any record: every audited change the user may see; the user's background jobs."""
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render

from .fetch import fetch
from .models import AuditEvent, Job, JobStatus

# Models whose history may be shown, with the queryset that scopes them.
HISTORY_MODELS = {
    "org.unit", "org.person", "awards.decision", "awards.awardrecord", "awards.rating", "awards.initiative",
    "awards.discipline", "imports.importbatch", "emulation.block", "emulation.covenant", "emulation.movement",
}


@login_required
def history(request, model: str, object_id: str):
    """The history tab: every audited change of one record the user may see."""
    if model not in HISTORY_MODELS:
        raise Http404
    model_cls = apps.get_model(model)
    try:
        object_id = str(model_cls._meta.pk.to_python(object_id))  # "abc" is no record's id: 404, not 500
    except ValidationError:
        raise Http404
    if not model_cls.objects.visible_to(request.user).filter(pk=object_id).exists():
        raise Http404
    events = AuditEvent.objects.filter(model=model, object_id=object_id).select_related("actor")[:200]
    labels = {f.attname: str(f.verbose_name) for f in model_cls._meta.concrete_fields}
    return render(request, "core/history.html", {"events": events, "labels": labels})


# --- Background jobs: the owner's list, one job's progress (polled by htmx), its file --------------

@login_required
def job_list(request):
    jobs = Job.objects.visible_to(request.user)[:50]
    return render(request, "core/job_list.html", {"jobs": jobs})


@login_required
@fetch(Job, name="job")
def job_detail(request, job):
    template = "core/_job.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
@fetch(Job, name="job")
def job_download(request, job):
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("Việc chưa xong hoặc không có tệp kết quả.")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.download_name or "ket-qua")
