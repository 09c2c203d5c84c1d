"""The award history's sections of the unit and person pages (registered in org.sections when
Django starts): a unit's own awards and ratings with its members' awards per year; a person's
year-by-year timeline of ratings, awards, initiatives and discipline, in a fixed number of queries
whatever the history's length."""
from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from .choices import AwardStatus
from .models import AwardRecord, Discipline, Initiative, Rating


def unit_section(user, unit, *, own_ids, member_ids) -> dict:
    awards = (AwardRecord.objects.visible_to(user).filter(recipient_unit_id__in=own_ids)
              .select_related("award_type", "decision").order_by("-year", "-award_type__rank"))
    ratings = Rating.objects.filter(rated_unit_id__in=own_ids).order_by("-year")
    member_awards = (AwardRecord.objects.visible_to(user).filter(unit_id__in=member_ids, person__isnull=False,
                                                                 status=AwardStatus.VALID)
                     .values("year").annotate(n=Count("id")).order_by("-year")[:10])
    return {"awards": awards, "ratings": ratings, "member_awards": member_awards}


def person_section(user, person) -> dict:
    ratings = list(Rating.objects.filter(person=person))
    awards = list(AwardRecord.objects.filter(person=person).select_related("award_type", "decision", "revocation")
                  .order_by("-year", "-award_type__rank"))
    initiatives = list(Initiative.objects.filter(authors=person).select_related("decision"))
    disciplines = list(Discipline.objects.filter(person=person))
    years = defaultdict(lambda: {"ratings": [], "awards": [], "initiatives": [], "disciplines": []})
    for r in ratings:
        years[r.year]["ratings"].append(r)
    for a in awards:
        years[a.year]["awards"].append(a)
    for i in initiatives:
        years[i.year]["initiatives"].append(i)
    for d in disciplines:
        last = d.end.year if d.end else max([d.start.year, *years.keys()])
        for y in range(d.start.year, last + 1):
            years[y]["disciplines"].append(d)
    timeline = sorted(years.items(), reverse=True)
    return {"timeline": timeline, "award_count": sum(1 for a in awards if a.status == AwardStatus.VALID),
            "open_discipline": [d for d in disciplines if d.end is None]}
