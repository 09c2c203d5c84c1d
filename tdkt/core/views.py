"""The home page with the year's figures, and the history tab of any record."""
import datetime

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import render

from .models import AuditEvent

# Models whose history may be shown, with the queryset that scopes them.
HISTORY_MODELS = {
    "org.unit", "org.person", "awards.decision", "awards.awardrecord", "awards.rating", "awards.initiative",
    "awards.discipline", "imports.importbatch", "emulation.block", "emulation.covenant", "emulation.movement",
}


def selected_year(request, latest: int | None) -> int:
    """The year asked for, else the latest achievement year with awards in the user's scope."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = None
    this_year = datetime.date.today().year
    if year is None or not (1945 <= year <= this_year + 1):
        year = min(latest, this_year) if latest else this_year
    return year


@login_required
def home(request):
    from tdkt.awards.choices import AwardStatus, SubjectKind
    from tdkt.awards.models import AwardRecord, Decision, Rating
    from tdkt.org.models import Person, Unit

    user = request.user
    latest = AwardRecord.objects.visible_to(user).aggregate(latest=Max("year"))["latest"]
    year = selected_year(request, latest)
    awards = AwardRecord.objects.visible_to(user).filter(year=year, status=AwardStatus.VALID)
    by_type = (awards.values("award_type__code", "award_type__name", "award_type__rank")
               .annotate(n=Count("id")).order_by("-award_type__rank"))
    by_subject = dict(awards.values_list("subject_kind").annotate(n=Count("id")).values_list("subject_kind", "n"))
    ratings = dict(Rating.objects.visible_to(user).filter(year=year, person__isnull=False)
                   .values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    context = {
        "year": year,
        "years": list(range(datetime.date.today().year, datetime.date.today().year - 11, -1)),
        "people": Person.objects.visible_to(user).count(),
        "units": Unit.objects.visible_to(user).active().count(),
        "decisions": Decision.objects.visible_to(user).filter(year=year).count(),
        "awards_total": sum(row["n"] for row in by_type),
        "by_type": by_type,
        "individual": by_subject.get(SubjectKind.INDIVIDUAL, 0),
        "collective": by_subject.get(SubjectKind.COLLECTIVE, 0),
        "household": by_subject.get(SubjectKind.HOUSEHOLD, 0),
        "ratings": ratings,
        "recent_decisions": Decision.objects.visible_to(user).order_by("-signed_on", "-id")[:8],
    }
    from tdkt.emulation.views import home_context

    context.update(home_context(user))
    return render(request, "core/home.html", context)


@login_required
def history(request, model: str, object_id: str):
    """The history tab: every audited change of one record the user may see."""
    if model not in HISTORY_MODELS:
        raise Http404
    model_cls = apps.get_model(model)
    if not model_cls.objects.visible_to(request.user).filter(pk=object_id).exists():
        raise Http404
    events = AuditEvent.objects.filter(model=model, object_id=object_id).select_related("actor")[:200]
    labels = {f.attname: str(f.verbose_name) for f in model_cls._meta.concrete_fields}
    return render(request, "core/history.html", {"events": events, "labels": labels})
