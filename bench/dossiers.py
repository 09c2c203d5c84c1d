"""The dossier workflow at province scale (issue 4), on the 100,000-person bench database.

One dossier of 500 nominees (individuals drawn from the whole province, Bằng khen tỉnh):
- submission, which freezes the rule engine's verdict of every nominee (target with the appraisal
  below: <= 5 s);
- the appraisal checks of the whole dossier (duplicates, quotas) and the appraisal page itself;
- the decision: number, register entry and 500 award records in one transaction;
- its documents: the decision as a signed PDF and as Word, and 500 certificates rendered and signed
  (TDKT_CERTIFICATE_WORKERS processes; target for the decision with its certificates: <= 60 s).
Everything runs in one transaction that is rolled back at the end, so the database is unchanged;
the files go to a temporary directory that is removed.
Run `python -m bench foundation` first (or pass --people to generate here).
"""
import argparse
import json
import os
import random
import time

from bench.common import setup


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench dossiers")
    parser.add_argument("--nominees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sqlite", default=os.path.join("var", "bench.sqlite3"))
    parser.add_argument("--workers", type=int, default=None, help="processes rendering certificates")
    args = parser.parse_args(argv)
    setup(args)

    import shutil
    import tempfile

    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from tdkt.awards.models import AwardRecord, AwardType
    from tdkt.core import clock
    from tdkt.core.services import system_actor
    from tdkt.dossiers import services
    from tdkt.dossiers.models import Attachment, Dossier, Nominee
    from tdkt.dossiers.services import appraisal, decisions, issuance
    from tdkt.org.models import Person, Unit

    call_command("migrate", verbosity=0, interactive=False)
    people_total = Person.objects.count()
    if people_total < args.nominees:
        raise SystemExit("Cơ sở dữ liệu thử chưa có đủ người: chạy `python -m bench foundation` trước.")
    root = system_actor()
    province = Unit.objects.filter(parent__isnull=True).order_by("id").first()
    rng = random.Random(args.seed)
    # People with no award for 2025 yet, so that no duplicate check holds one back.
    rewarded = set(AwardRecord.objects.filter(year=2025, person__isnull=False).values_list("person_id", flat=True))
    ids = rng.sample(sorted(set(Person.objects.values_list("id", flat=True)) - rewarded), args.nominees)
    people = Person.objects.filter(id__in=ids).select_related("unit")
    bk = AwardType.objects.get(code="BK_TINH")
    figures = {"people": people_total, "nominees": args.nominees, "database": connection.vendor}
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="tdkt-bench-files-")
    workers = args.workers if args.workers is not None else settings.TDKT_CERTIFICATE_WORKERS
    figures["certificate_workers"] = workers

    with transaction.atomic():
        dossier = Dossier.objects.create(title="Đề nghị tặng Bằng khen năm 2025 (thử tải)", proposing_unit=province,
                                         authority="province_chair", kind="ad_hoc", year=2025)
        Nominee.objects.bulk_create([
            Nominee(dossier=dossier, order=i, subject_kind="individual", person=p, unit=p.unit, award_type=bk,
                    year=2025, achievement="Có thành tích xuất sắc đột xuất", recipient_name=p.full_name)
            for i, p in enumerate(people, start=1)])
        attachment = Attachment(dossier=dossier, kind="proposal", original_name="to-trinh.pdf", content_kind="pdf",
                                size=10, sha256="0" * 64)
        attachment.file.save("to-trinh.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        attachment.save()

        with CaptureQueriesContext(connection) as q:
            start = time.perf_counter()
            services.submit_dossier(root, dossier)
            figures["submit_with_verdicts_s"] = round(time.perf_counter() - start, 3)
        figures["submit_queries"] = len(q)
        services.start_appraisal(root, dossier)
        nominees = list(dossier.nominees.select_related("award_type", "dossier"))
        with CaptureQueriesContext(connection) as q:
            start = time.perf_counter()
            found = appraisal.findings(nominees)
            figures["appraisal_checks_s"] = round(time.perf_counter() - start, 3)
        figures["appraisal_check_queries"] = len(q)
        figures["blocked_by_duplicates"] = sum(1 for f in found.values() if appraisal.blocking(f))
        figures["appraisal_total_s"] = round(figures["submit_with_verdicts_s"] + figures["appraisal_checks_s"], 3)
        figures["engine_failed"] = sum(1 for n in dossier.nominees.all() if n.verdict_eligible is False)

        # The rest of the way, set up directly (not measured), then the decision itself.
        dossier.nominees.update(appraisal="passed", vote_result="passed")
        blocked = [pk for pk, f in found.items() if appraisal.blocking(f)]
        dossier.nominees.filter(pk__in=blocked).update(vote_result="failed", is_open=False)
        today = clock.today()
        Dossier.objects.filter(pk=dossier.pk).update(status="disclosure", disclosure_start=today,
                                                     disclosure_end=today)
        clock.travel(1)
        from django.contrib.auth.models import User

        leader = User(username="__bench_leader__", is_superuser=True, is_active=True)
        with CaptureQueriesContext(connection) as q:
            start = time.perf_counter()
            decision = decisions.issue_decision(leader, Dossier.objects.get(pk=dossier.pk), signer_name="Lãnh đạo")
            figures["decision_records_s"] = round(time.perf_counter() - start, 3)
        figures["decision_queries"] = len(q)
        figures["decision_records"] = decision.records.count()

        start = time.perf_counter()
        made = issuance.generate_documents(Dossier.objects.select_related("decision").get(pk=dossier.pk),
                                           workers=workers)
        figures["documents_s"] = round(time.perf_counter() - start, 3)
        figures["decision_files"] = made["decision"]
        figures["certificates_signed"] = made["certificates"]
        figures["s_per_certificate"] = round(figures["documents_s"] / max(made["certificates"], 1), 4)
        figures["decision_with_certificates_s"] = round(figures["decision_records_s"] + figures["documents_s"], 3)
        transaction.set_rollback(True)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    figures["target_appraisal_s"] = 5.0
    figures["appraisal_within_target"] = figures["appraisal_total_s"] <= 5.0
    figures["target_decision_with_certificates_s"] = 60.0
    figures["decision_within_target"] = figures["decision_with_certificates_s"] <= 60.0
    print(json.dumps(figures, ensure_ascii=False))
