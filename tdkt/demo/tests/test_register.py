"""The demo's decision register (issue 18): the decision the demo issues from a dossier continues
the province's register for its year (the văn thư gives the next number after the decisions the
demo entered), and no issuing body holds two decisions with one number in a year."""
import io

from django.db.models import Count, Max
from django.test import TestCase

from tdkt.awards.models import Decision, IssuingBody
from tdkt.demo import dossiers as demo_dossiers, generator
from tdkt.demo.accounts import create_demo_accounts
from tdkt.demo.plan import HISTORY_LAST_YEAR
from tdkt.dossiers.models import Certificate, Dossier
from tdkt.org.models import Unit


class DemoRegisterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        generator.generate(people=600, seed=11)
        create_demo_accounts()
        cls.result = demo_dossiers.seed(HISTORY_LAST_YEAR, out=io.StringIO())

    def test_the_decision_the_demo_issues_continues_the_province_register(self):
        dossier = Dossier.objects.select_related("decision__body").get(status="decided")
        decision = dossier.decision
        province = Unit.objects.get(parent__isnull=True)
        assert decision.body == IssuingBody.objects.get(unit=province)
        before = (Decision.objects.filter(body=decision.body, year=decision.year).exclude(pk=decision.pk)
                  .aggregate(last=Max("seq"))["last"])
        assert before, "the generated register holds decisions of the province for the year"
        assert decision.number == f"{before + 1}/QĐ-UBND" and decision.seq == before + 1
        # Under the register's own spelling and the product's, one body.
        spellings = set(Decision.objects.filter(body=decision.body).values_list("issuer_name", flat=True))
        assert {"Chủ tịch Ủy ban nhân dân tỉnh Hà Sơn", "UBND tỉnh Hà Sơn"} <= spellings
        assert Certificate.objects.filter(dossier=dossier).exclude(file="").exists()

    def test_no_issuing_body_has_two_decisions_with_one_number_in_a_year(self):
        numbered = Decision.objects.numbered()
        assert not numbered.filter(body__isnull=True).exists()
        for field in ("seq", "number"):
            twice = (numbered.exclude(seq__isnull=True).values("body", "year", field).annotate(n=Count("id"))
                     .filter(n__gt=1))
            assert list(twice) == []
