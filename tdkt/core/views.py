"""The history tab of any record: every audited change the user may see."""
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from .models import AuditEvent

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
