"""The home page: the year's figures in the user's scope, recent decisions and the movements being
launched. It reads several apps, so it lives in the project package above them."""
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.shortcuts import render

from tdkt.awards.choices import AwardStatus, SubjectKind
from tdkt.awards.models import AwardRecord, Decision, Rating
from tdkt.core import clock
from tdkt.core.years import RECORD_YEARS
from tdkt.emulation.views import home_context
from tdkt.org.models import Person, Unit


def selected_year(request, latest: int | None) -> int:
    """The year asked for, else the latest achievement year with awards in the user's scope."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = None
    this_year = clock.today().year
    if year not in RECORD_YEARS:
        year = min(latest, this_year) if latest else this_year
    return year


@login_required
def home(request):
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
        "years": list(range(clock.today().year, clock.today().year - 11, -1)),
        "people": Person.objects.visible_to(user).count(),
        "units": Unit.objects.visible_to(user).active().count(),
        "decisions": Decision.objects.visible_to(user).numbered().filter(year=year).count(),
        "awards_total": sum(row["n"] for row in by_type),
        "by_type": by_type,
        "individual": by_subject.get(SubjectKind.INDIVIDUAL, 0),
        "collective": by_subject.get(SubjectKind.COLLECTIVE, 0),
        "household": by_subject.get(SubjectKind.HOUSEHOLD, 0),
        "ratings": ratings,
        "recent_decisions": Decision.objects.visible_to(user).order_by("-signed_on", "-id")[:8],
    }
    context.update(home_context(user))
    return render(request, "home.html", context)
