"""The home page: the user's desk (what waits for them, tdkt.desk), the year's figures in the user's
scope, the year's latest decisions and the movements being launched. It reads several apps, so it
lives in the project package above them."""
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.shortcuts import render

from tdkt.awards.choices import AwardStatus, SubjectKind
from tdkt.awards.models import AwardRecord, Decision, Rating
from tdkt.core import clock
from tdkt.core.datacache import cached
from tdkt.core.scope import scope_unit_ids
from tdkt.core.years import RECORD_YEARS
from tdkt.desk import desk
from tdkt.emulation.views.movements import home_context
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


# The tables the yearly figures are counted from: cached until one of them changes (core.datacache).
FIGURE_TABLES = ("awards_awardrecord", "awards_rating", "awards_awardtype")
# The register's figures: people and units managed, the year's decisions and the latest ones.
REGISTER_TABLES = ("org_person", "org_unit", "awards_decision")
WATCHED_TABLES = FIGURE_TABLES + REGISTER_TABLES


def _scope_key(user) -> str:
    ids = scope_unit_ids(user)
    return "all" if ids is None else ",".join(map(str, sorted(ids)))


def latest_year(user) -> int | None:
    return cached(f"home:latest:{_scope_key(user)}", FIGURE_TABLES,
                  lambda: AwardRecord.objects.visible_to(user).aggregate(latest=Max("year"))["latest"])


def year_figures(user, year: int) -> dict:
    """The valid awards of the year by award and by kind of subject, and the people's ratings, in the
    user's scope: a count over a million records, so cached until the records change."""
    def compute():
        awards = AwardRecord.objects.visible_to(user).filter(year=year, status=AwardStatus.VALID)
        by_type = list(awards.values("award_type__code", "award_type__name", "award_type__rank")
                       .annotate(n=Count("id")).order_by("-award_type__rank"))
        by_subject = dict(awards.values_list("subject_kind").annotate(n=Count("id")).values_list("subject_kind", "n"))
        ratings = dict(Rating.objects.visible_to(user).filter(year=year, person__isnull=False)
                       .values_list("level").annotate(n=Count("id")).values_list("level", "n"))
        return {"by_type": by_type, "by_subject": by_subject, "ratings": ratings}

    return cached(f"home:year:{year}:{_scope_key(user)}", FIGURE_TABLES, compute)


def register_figures(user, year: int) -> dict:
    """People and units in the user's scope, the year's decisions and the year's latest eight (the
    chosen year: a decision signed in another year is not "recent" for it): cached until people,
    units or decisions change."""
    def compute():
        return {"people": Person.objects.visible_to(user).count(),
                "units": Unit.objects.visible_to(user).active().count(),
                "decisions": Decision.objects.visible_to(user).numbered().filter(year=year).count(),
                "recent_decisions": list(Decision.objects.visible_to(user).filter(year=year)
                                         .order_by("-signed_on", "-id")[:8])}

    return cached(f"home:register:{year}:{_scope_key(user)}", REGISTER_TABLES, compute)


@login_required
def home(request):
    user = request.user
    year = selected_year(request, latest_year(user))
    figures = year_figures(user, year)
    by_type, by_subject = figures["by_type"], figures["by_subject"]
    context = {
        "year": year,
        "years": list(range(clock.today().year, clock.today().year - 11, -1)),
        **register_figures(user, year),
        "awards_total": sum(row["n"] for row in by_type),
        "by_type": by_type,
        "individual": by_subject.get(SubjectKind.INDIVIDUAL, 0),
        "collective": by_subject.get(SubjectKind.COLLECTIVE, 0),
        "household": by_subject.get(SubjectKind.HOUSEHOLD, 0),
        "ratings": figures["ratings"],
    }
    context.update(home_context(user))
    context.update(desk(user))
    return render(request, "home.html", context)
