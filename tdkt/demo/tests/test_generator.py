"""The demo and benchmark data generator (tdkt/demo): deterministic, realistic, and valid for the models."""
import datetime
import io
from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import User
from django.db.models import Count, F, Q
from django.test import TestCase

from tdkt.awards.models import AwardRecord, AwardType, Decision, Initiative, Rating
from tdkt.core.models import AuditEvent
from tdkt.core.text import fold, name_sort_key
from tdkt.demo import generator
from tdkt.demo.accounts import DEMO_PASSWORD
from tdkt.demo.load import load_demo
from tdkt.demo.plan import make_plan
from tdkt.org.models import Employment, Person, Unit

PEOPLE, SEED = 300, 7
MERGER_DATE = datetime.date(2025, 7, 1)


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    first, second = make_plan(PEOPLE, SEED), make_plan(PEOPLE, SEED)
    assert first.digest() == second.digest()
    assert first.counts() == second.counts()
    assert make_plan(PEOPLE, SEED + 1).digest() != first.digest()


class GeneratedProvinceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = generator.generate(people=PEOPLE, seed=SEED)
        cls.plan = make_plan(PEOPLE, SEED)

    def test_the_database_holds_exactly_the_plan(self):
        counts = self.plan.counts()
        assert {k: self.result[k] for k in counts} == counts
        assert Person.objects.count() == PEOPLE
        assert AwardRecord.objects.count() == counts["award_records"]
        assert Rating.objects.count() == counts["ratings"]
        names_in_db = list(Person.objects.order_by("id").values_list("full_name", flat=True))
        assert names_in_db == [p.full_name for p in self.plan.people]
        assert set(self.result["timings"]) >= {"plan", "people", "award_records"}

    def test_shares_look_like_a_real_province(self):
        person_years = Rating.objects.filter(person__isnull=False).count()
        by_code = Counter(AwardRecord.objects.values_list("award_type__code", flat=True))
        assert 0.6 <= by_code["LDTT"] / person_years <= 0.95
        assert 0.05 <= by_code["CSTD_CS"] / by_code["LDTT"] <= 0.2
        for code in ("GK", "BK_TINH", "CSTD_TINH", "TTLDTT", "TTLDXS", "CO_TD_TINH", "GD_VAN_HOA"):
            assert by_code[code] > 0, code
        people = Person.objects.all()
        assert 0.45 <= people.filter(gender="female").count() / PEOPLE <= 0.65
        assert 0.05 <= people.filter(is_leader=True).count() / PEOPLE <= 0.25
        assert 0.2 <= people.filter(is_direct_worker=True).count() / PEOPLE <= 0.5
        assert people.exclude(ethnicity="Kinh").exists() and people.filter(ethnicity="Kinh").count() > PEOPLE * 0.7
        assert Unit.objects.filter(kind="department").count() >= 25
        assert Initiative.objects.filter(scope="province").exists()

    def test_names_are_vietnamese_with_diacritics(self):
        names = list(Person.objects.values_list("full_name", flat=True))
        assert sum(n != fold(n) for n in names) > 0.9 * len(names)
        assert all(len(n.split()) >= 2 for n in names)
        family = Counter(n.split()[0] for n in names)
        assert family.most_common(1)[0][0] == "Nguyễn"
        person = Person.objects.order_by("id").first()
        assert person.search_text == fold(person.full_name) and person.sort_key == name_sort_key(person.full_name)

    def test_every_award_has_a_decision_signed_in_december_or_the_first_quarter_after(self):
        assert not AwardRecord.objects.filter(decision__isnull=True).exists()
        assert AwardRecord.objects.exclude(
            Q(decision__signed_on__year=F("year"), decision__signed_on__month=12)
            | Q(decision__signed_on__year=F("year") + 1, decision__signed_on__month__lte=3)).count() == 0
        # Many recipients per decision, numbered like "123/QĐ-UBND", signed by a named person.
        assert AwardRecord.objects.count() > 3 * Decision.objects.filter(records__isnull=False).distinct().count()
        decision = Decision.objects.filter(issuer_name__startswith="UBND tỉnh").first()
        assert decision.number.endswith("/QĐ-UBND") and decision.signer_name and decision.signer_title
        assert Decision.objects.filter(number__endswith="/QĐ-SYT").exists()
        assert not Decision.objects.exclude(year=F("signed_on__year")).exists()

    def test_chains_leave_people_due_for_higher_awards(self):
        cs = defaultdict(set)
        for person, year in AwardRecord.objects.filter(award_type__code="CSTD_CS").values_list("person", "year"):
            cs[person].add(year)
        tinh = set(AwardRecord.objects.filter(award_type__code="CSTD_TINH", year__gte=2023)
                   .values_list("person", flat=True))
        due_tinh = [p for p, years in cs.items() if {2023, 2024, 2025} <= years and p not in tinh]
        assert due_tinh
        bk_2025 = set(AwardRecord.objects.filter(award_type__code="BK_TINH", year=2025)
                      .values_list("person", flat=True))
        initiatives = Counter(Initiative.authors.through.objects.filter(initiative__year__in=(2024, 2025))
                              .values_list("person", flat=True))
        due_bk = [p for p, years in cs.items() if {2024, 2025} <= years and initiatives[p] >= 2 and p not in bk_2025]
        assert due_bk

    def test_merged_units_point_to_their_successor_and_keep_their_history(self):
        merged = Unit.objects.filter(merged_into__isnull=False)
        assert merged.filter(kind="department").count() >= 2
        assert not merged.exclude(merged_on=MERGER_DATE).exists()
        assert not merged.filter(merged_into__merged_into__isnull=False).exists()
        assert not Person.objects.filter(unit__merged_into__isnull=False).exists()
        assert AwardRecord.objects.filter(unit__in=merged, year__lte=2024).exists()
        assert not AwardRecord.objects.filter(unit__in=merged, year=2025).exists()
        moved = Employment.objects.filter(start=MERGER_DATE)
        assert moved.exists()
        for employment in moved.select_related("person"):
            before = Employment.objects.get(person=employment.person, end=MERGER_DATE - datetime.timedelta(days=1))
            assert before.unit.merged_into_id == employment.unit_id
            assert employment.person.unit_id == employment.unit_id

    def test_records_are_valid_for_the_models(self):
        for unit in Unit.objects.select_related("parent"):
            assert unit.path == (unit.parent.path if unit.parent else "/") + f"{unit.pk}/"
        ids = [n for n in Person.objects.values_list("national_id", flat=True) if n]
        assert len(ids) == len(set(ids)) and all(len(n) == 12 and n.isdigit() for n in ids)
        assert len(ids) < PEOPLE
        periods = defaultdict(list)
        for e in Employment.objects.order_by("start"):
            periods[e.person_id].append(e)
        units_now = dict(Person.objects.values_list("id", "unit_id"))
        for person_id, rows in periods.items():
            assert 1 <= len(rows) <= 3
            assert rows[-1].end is None and rows[-1].unit_id == units_now[person_id]
            assert all(a.end == b.start - datetime.timedelta(days=1) for a, b in zip(rows, rows[1:]))
        # An individual's award belongs to the unit they worked in at the end of that year.
        for person_id, unit_id, year in AwardRecord.objects.filter(subject_kind="individual").values_list(
                "person", "unit", "year")[:3000]:
            end = datetime.date(year, 12, 31)
            at = next(e for e in periods[person_id] if e.start <= end and (e.end is None or e.end >= end))
            assert at.unit_id == unit_id
        assert not AwardRecord.objects.filter(subject_kind="collective").exclude(unit=F("recipient_unit")).exists()
        assert not AwardRecord.objects.filter(subject_kind="household").exclude(unit=F("household__unit")).exists()
        titles = (AwardRecord.objects.filter(award_type__category="title")
                  .values("award_type", "year", "person", "recipient_unit", "household")
                  .annotate(n=Count("id")).filter(n__gt=1))
        assert not titles.exists()
        record = AwardRecord.objects.filter(subject_kind="individual").select_related("person").first()
        assert record.recipient_name == record.person.full_name
        assert record.recipient_sort_key == record.person.sort_key

    def test_the_load_is_audited_once(self):
        events = AuditEvent.objects.filter(action="import", model="demo")
        assert events.count() == 1
        assert "cá nhân" in events.get().note


@pytest.mark.django_db
def test_load_demo_creates_accounts_then_refuses_to_load_twice_and_reset_reloads():
    out = io.StringIO()
    load_demo(people=150, seed=3, out=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text and "tdkt@2026" in text and "Tài khoản" in text
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    clerk = User.objects.get(username="vanthu.syt")
    assert clerk.profile.role == "clerk" and clerk.profile.unit.code == "SYT"
    assert clerk.profile.unit.children.exists()
    commune_clerk = User.objects.get(profile__role="clerk", profile__unit__kind="commune")
    assert commune_clerk.username == f"vanthu.{commune_clerk.profile.unit.code.lower()}"
    for username, role in (("canbo.tinh", "officer"), ("hoidong", "council"), ("lanhdao", "leader"),
                           ("nguoixem", "viewer")):
        assert User.objects.get(username=username).profile.role == role

    again = io.StringIO()
    load_demo(people=150, seed=3, out=again)
    assert "đã được nạp" in again.getvalue() and "vanthu.syt" in again.getvalue()
    assert Person.objects.count() == 150

    catalogue = AwardType.objects.count()
    records = AwardRecord.objects.count()
    load_demo(people=150, seed=3, reset=True, out=io.StringIO())
    assert Person.objects.count() == 150 and AwardRecord.objects.count() == records
    assert AwardType.objects.count() == catalogue
    assert User.objects.filter(username="vanthu.syt").count() == 1


@pytest.mark.django_db
def test_the_demo_has_a_dossier_in_every_state_with_a_signed_decision(settings, tmp_path):
    from tdkt.dossiers.models import Certificate, Dossier

    settings.TDKT_SIGNER_DIR = tmp_path / "signer"
    out = io.StringIO()
    load_demo(people=2500, seed=5, out=out)
    states = set(Dossier.objects.values_list("status", flat=True))
    assert states == {"decided", "forwarded", "disclosure", "council", "returned", "submitted", "draft"}
    decided = Dossier.objects.get(status="decided")
    # The văn thư gave the next number of the province's register for the year (issue 18), not 1.
    earlier = (decided.decision.body.decisions.filter(year=decided.decision.year).exclude(pk=decided.decision_id)
               .order_by("-seq").values_list("seq", flat=True).first())
    assert earlier and decided.decision.number == f"{earlier + 1}/QĐ-UBND"
    assert Certificate.objects.filter(dossier=decided).exclude(file="").count() == 5
    assert decided.issued_files.count() == 2
    assert Dossier.objects.get(status="forwarded").issued_files.filter(kind="package").exists()
    assert "Hồ sơ mẫu: 7 hồ sơ" in out.getvalue()
    # The demo council member has an open ballot waiting.
    from tdkt.dossiers.models import CouncilSession

    session = CouncilSession.objects.get(status="open")
    assert session.memberships.filter(user__username="hoidong").exists()
    assert session.items.get(nominee__subject_kind="collective").agree == 6
