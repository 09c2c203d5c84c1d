"""Award history import through the pages: bad rows are named and nothing is saved; the corrected
file saves every row, with its decisions, and audits each write."""
import datetime

import pytest
from django.urls import reverse

from tdkt.awards.models import AwardRecord, Decision
from tdkt.core.models import AuditEvent
from tdkt.core.services import system_actor
from tdkt.imports.models import BatchStatus, ImportBatch
from tdkt.org import services as org_services

from .helpers import AWARD_HEADER, error_rows, login, run_steps, upload, upload_and_validate, xlsx


@pytest.fixture
def staff(world):
    root = system_actor()
    bich = org_services.create_person(root, world.unit_a, full_name="Trần Thị Bích", gender="female",
                                      birth_date=datetime.date(1985, 7, 9))
    cuong = org_services.create_person(root, world.unit_a_child, full_name="Lê Văn Cường", gender="male",
                                       birth_date=datetime.date(1990, 1, 2))
    return bich, cuong


def good_rows():
    return [
        [1, "Nguyễn Văn Đức", "17/05/1980", "STC-NS", "Cá nhân", "CSTĐCS", 2024, "", "Hoàn thành xuất sắc nhiệm vụ",
         "125/QĐ-STC", "20/12/2024", ""],
        [2, "Trần Thị Bích", None, "STC", None, "Chiến sỹ thi đua cơ sở", 2024, "Thường xuyên", "",
         "125/QĐ-STC", datetime.date(2024, 12, 20), None],
        [3, "lê văn cường", None, "Phòng Ngân sách", "", "Bằng khen UBND tỉnh", "2024", "", "",
         "45/QĐ-UBND", "15/01/2025", ""],
        [4, "", None, "STC", "Tập thể", "Tập thể lao động xuất sắc", 2024, "", "",
         "300/QĐ-UBND", "2025-01-20", "UBND tỉnh Hà Nam"],
    ]


BAD_ROWS = [
    [5, "Trần Thị Bích", None, "XYZ", "", "Lao động tiên tiến", 2024, "", "", "125/QĐ-STC", "20/12/2024", ""],
    [6, "Lê Văn Cường", None, "STC-NS", "", "Huy hiệu vàng", 2024, "", "", "126/QĐ-STC", "20/12/2024", ""],
    [7, "Nguyễn Văn Đức", None, "STC-NS", "", "Lao động tiên tiến", 2025, "", "", "12/QĐ-STC", "31/02/2026", ""],
]

FIXED_ROWS = [
    [5, "Trần Thị Bích", None, "STC", "", "Lao động tiên tiến", 2024, "", "", "125/QĐ-STC", "20/12/2024", ""],
    [6, "Lê Văn Cường", None, "STC-NS", "", "Giấy khen", 2024, "", "", "126/QĐ-STC", "20/12/2024", ""],
    [7, "Nguyễn Văn Đức", None, "STC-NS", "", "Lao động tiên tiến", 2025, "", "", "12/QĐ-STC", "10/01/2026", ""],
]


def counts():
    return AwardRecord.objects.count(), Decision.objects.count(), AuditEvent.objects.count()


@pytest.mark.django_db
class TestAcceptance:
    def test_three_bad_rows_are_named_and_nothing_is_saved_then_the_fixed_file_saves_every_row(self, client, world, staff):
        login(client, world.clerk_a)
        before = counts()
        # Clerks' files often carry a title above the header: the header row is found below it.
        data = xlsx(AWARD_HEADER, good_rows() + BAD_ROWS, title_rows=[["DANH SÁCH KHEN THƯỞNG NĂM 2024"], []])
        batch, page = upload_and_validate(client, "awards", "khen-thuong-2024.xlsx", data)

        assert batch.status == BatchStatus.INVALID
        assert batch.data_rows == 7 and batch.bad_row_count == 3
        errors = error_rows(page)
        # Excel row numbers: two title lines and the header come first, so data row 5 is Excel row 8.
        assert [(row, column) for row, column, _ in errors] == [("8", "Đơn vị"), ("9", "Danh hiệu/Hình thức"),
                                                                ("10", "Ngày quyết định")]
        assert "“XYZ” không có trong danh mục hoặc không thuộc phạm vi" in errors[0][2]
        assert "Không nhận ra danh hiệu, hình thức “Huy hiệu vàng”" in errors[1][2]
        assert "“31/02/2026” không phải ngày hợp lệ" in errors[2][2]
        assert "Chưa ghi dòng nào vào hệ thống" in page
        assert "Ghi vào hệ thống</button>" not in page
        assert counts() == before

        # Forcing the commit of a file with bad rows is refused and saves nothing.
        response = client.post(reverse("imports:commit", args=[batch.pk]))
        assert response.status_code == 302
        assert counts() == before

        data = xlsx(AWARD_HEADER, good_rows() + FIXED_ROWS, title_rows=[["DANH SÁCH KHEN THƯỞNG NĂM 2024"], []])
        batch, page = upload_and_validate(client, "awards", "khen-thuong-2024-da-sua.xlsx", data)
        assert batch.status == BatchStatus.VALID, batch.errors
        assert "Ghi vào hệ thống</button>" in page
        assert counts() == before

        response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
        assert "Đã ghi 7 khen thưởng, 5 quyết định mới" in response.content.decode()
        batch.refresh_from_db()
        assert batch.status == BatchStatus.COMMITTED and batch.created_count == 7
        records, decisions, events = counts()
        assert records == before[0] + 7
        assert decisions == before[1] + 5
        assert events >= before[2] + 7 + 5
        assert AuditEvent.objects.filter(model="awards.awardrecord", action="create",
                                         note__contains="khen-thuong-2024-da-sua.xlsx").count() == 7
        assert AuditEvent.objects.filter(model="imports.importbatch", action="import").count() == 1

        codes = {(r.recipient_name, r.award_type.code, r.year) for r in AwardRecord.objects.filter(
            decision__isnull=False)}
        assert codes == {("Nguyễn Văn Đức", "CSTD_CS", 2024), ("Trần Thị Bích", "CSTD_CS", 2024),
                         ("Lê Văn Cường", "BK_TINH", 2024), ("Sở Tài chính", "TTLDXS", 2024),
                         ("Trần Thị Bích", "LDTT", 2024), ("Lê Văn Cường", "GK", 2024),
                         ("Nguyễn Văn Đức", "LDTT", 2025)}
        # One decision per (issuer, number, date) group; issuers derived from the unit and authority.
        stc_125 = Decision.objects.get(number="125/QĐ-STC")
        assert stc_125.issuer_name == "Sở Tài chính" and stc_125.issuer_unit == world.unit_a
        assert stc_125.records.count() == 3 and stc_125.signed_on == datetime.date(2024, 12, 20)
        bk = Decision.objects.get(number="45/QĐ-UBND")
        assert bk.issuer_name == "UBND tỉnh Hà Nam" and bk.authority == "province_chair"
        assert bk.issuer_unit is None       # outside the clerk's scope: cited, not filed as theirs

        # A second commit of the same batch does nothing more.
        client.post(reverse("imports:commit", args=[batch.pk]))
        assert counts()[0] == records

        # Importing the same file again: every row is now a duplicate award, nothing is saved.
        batch, page = upload_and_validate(client, "awards", "lai-lan-nua.xlsx", data)
        assert batch.status == BatchStatus.INVALID and batch.bad_row_count == 7
        assert "Đã có “Chiến sĩ thi đua cơ sở” năm 2024 của Nguyễn Văn Đức trong hệ thống" in page
        assert counts()[0] == records

    def test_person_matching_and_decision_consistency(self, client, world, staff):
        root = system_actor()
        org_services.create_person(root, world.unit_a, full_name="Nguyễn Văn Đức", gender="male",
                                   birth_date=datetime.date(1975, 1, 1))
        login(client, world.clerk_a)
        rows = [
            [1, "Nguyễn Văn Đức", None, "STC", "", "LĐTT", 2022, "", "", "1/QĐ-STC", "20/12/2022", ""],
            [2, "Nguyễn Văn Đức", "01/01/1975", "STC", "", "LĐTT", 2022, "", "", "1/QĐ-STC", "20/12/2022", ""],
            [3, "Nguyễn Văn Đức", "02/02/1999", "STC", "", "LĐTT", 2022, "", "", "1/QĐ-STC", "20/12/2022", ""],
            [4, "Người Không Có", None, "STC", "", "LĐTT", 2022, "", "", "1/QĐ-STC", "20/12/2022", ""],
            [5, "Trần Thị Bích", None, "STC", "", "LĐTT", 2022, "", "", "1/QĐ-STC", "21/12/2022", ""],
            [6, "Trần Thị Bích", None, "STC", "", "LĐTT", 2022, "", "", "2/QĐ-STC", "20/12/2022", ""],
            [7, "Trần Thị Bích", None, "STC", "Tập thể", "CSTĐCS", 2022, "", "", "3/QĐ-STC", "20/12/2022", ""],
            [8, "Lê Văn Cường", None, "STC", "", "Giấy khen", 2023, "", "", "4/QĐ-STC", "20/12/2022", ""],
            [9, "Lê Văn Cường", None, "STC", "Ông bà", "Giấy khen", 2022, "", "", "4/QĐ-STC", "20/12/2022", ""],
        ]
        batch, page = upload_and_validate(client, "awards", "ghep.xlsx", xlsx(AWARD_HEADER, rows))
        errors = {(int(r), c): m for r, c, m in error_rows(page)}
        assert "Có 2 người tên “Nguyễn Văn Đức”" in errors[(2, "Họ và tên")]
        assert "ghi thêm ngày sinh" in errors[(2, "Họ và tên")]
        assert (3, "Họ và tên") not in errors          # the birth date tells them apart
        assert "Không tìm thấy cá nhân “Nguyễn Văn Đức” sinh 02/02/1999" in errors[(4, "Họ và tên")]
        assert "Không tìm thấy cá nhân “Người Không Có”" in errors[(5, "Họ và tên")]
        assert "đã ghi ở dòng 2 với ngày 20/12/2022" in errors[(6, "Ngày quyết định")]
        assert "Trùng với dòng 6 của tệp" in errors[(7, "Danh hiệu/Hình thức")]
        assert "không áp dụng cho đối tượng tập thể" in errors[(8, "Danh hiệu/Hình thức")]
        assert "Năm thành tích 2023 sau năm ký quyết định" in errors[(9, "Năm")]
        assert "Đối tượng “Ông bà” không hợp lệ" in errors[(10, "Đối tượng")]
        assert AwardRecord.objects.filter(decision__isnull=False).count() == 0


@pytest.mark.django_db
class TestAllOrNothing:
    def test_a_service_failure_in_the_middle_of_the_commit_rolls_back_every_row(self, client, world, staff, monkeypatch):
        login(client, world.clerk_a)
        batch, _ = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, good_rows()))
        assert batch.status == BatchStatus.VALID
        before = counts()

        from django.core.exceptions import ValidationError

        from tdkt.awards import services as award_services
        real = award_services.create_award_record
        calls = {"n": 0}

        def flaky(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                raise ValidationError({"year": ["Năm không hợp lệ (giả lập lỗi khi ghi)."]})
            return real(*args, **kwargs)

        monkeypatch.setattr(award_services, "create_award_record", flaky)
        response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
        page = response.content.decode()
        assert counts() == before                   # the two rows written before the failure are gone too
        batch.refresh_from_db()
        assert batch.status == BatchStatus.INVALID
        assert batch.errors == [{"row": 4, "column": "Năm", "message": "Năm không hợp lệ (giả lập lỗi khi ghi)."}]
        assert "giả lập lỗi khi ghi" in page

    def test_data_changed_after_the_preview_is_caught_by_the_commit(self, client, world, staff):
        login(client, world.clerk_a)
        batch, _ = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, good_rows()))
        assert batch.status == BatchStatus.VALID
        # Someone records the same title meanwhile.
        from tdkt.awards import services as award_services
        from tdkt.awards.models import AwardType
        decision = award_services.create_decision(system_actor(), number="9/QĐ-STC", signed_on=datetime.date(2024, 12, 1),
                                                  authority="unit_head", issuer_name="Sở Tài chính")
        award_services.create_award_record(system_actor(), award_type=AwardType.objects.get(code="CSTD_CS"),
                                           subject_kind="individual", person=world.person_a, year=2024,
                                           decision=decision)
        before = counts()
        client.post(reverse("imports:commit", args=[batch.pk]))
        assert counts() == before
        batch.refresh_from_db()
        assert batch.status == BatchStatus.INVALID
        assert batch.errors[0]["row"] == 2 and "Đã có “Chiến sĩ thi đua cơ sở” năm 2024" in batch.errors[0]["message"]


@pytest.mark.django_db
class TestProgress:
    def test_large_files_are_validated_in_chunks_with_progress(self, client, world, staff, settings):
        settings.TDKT_IMPORT_CHUNK_ROWS = 2
        settings.TDKT_IMPORT_STEP_SECONDS = 0
        login(client, world.clerk_a)
        rows = good_rows() + [
            [5, "Trần Thị Bích", None, "STC", "", "CSTĐCS", 2024, "", "", "125/QĐ-STC", "20/12/2024", ""],
        ]
        response = upload(client, "awards", "lon.xlsx", xlsx(AWARD_HEADER, rows))
        batch = ImportBatch.objects.get()
        page = client.get(response["Location"]).content.decode()
        assert "Đang kiểm tra 0/5 dòng" in page and 'role="progressbar"' in page
        fragments = run_steps(client, batch.pk)
        assert len(fragments) == 3
        assert "Đang kiểm tra 2/5 dòng" in fragments[0] and "40%" in fragments[0]
        assert "Đang kiểm tra 4/5 dòng" in fragments[1]
        # Row 6 (data row 5) repeats row 3, which was checked two steps earlier.
        assert "Trùng với dòng 3 của tệp" in fragments[2]
        batch.refresh_from_db()
        assert batch.status == BatchStatus.INVALID and batch.processed_rows == 5 and batch.state == {}

    def test_the_step_without_htmx_redirects_to_the_preview(self, client, world, staff):
        login(client, world.clerk_a)
        response = upload(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, good_rows()))
        batch = ImportBatch.objects.get()
        response = client.post(reverse("imports:step", args=[batch.pk]))
        assert response.status_code == 302 and response["Location"] == reverse("imports:batch", args=[batch.pk])
        batch.refresh_from_db()
        assert batch.status == BatchStatus.VALID


@pytest.mark.django_db
def test_collectives_and_households(client, world):
    from tdkt.org.models import Household
    for head in ("Đinh Văn Tư", "Hồ Văn Nam"):
        household = Household(head_name=head, unit=world.commune)
        household.refresh_derived()
        household.save()
    login(client, world.officer)
    rows = [
        [1, "STC-NS", None, "STC", "Tập thể", "TTLĐTT", 2024, "", "", "3/QĐ-STC", "20/12/2024", ""],
        [2, "Phòng Ngân sách", None, "STC", "Tập thể", "Giấy khen", 2024, "", "", "3/QĐ-STC", "20/12/2024", ""],
        [3, "Phòng Không Có", None, "STC", "Tập thể", "Giấy khen", 2024, "", "", "3/QĐ-STC", "20/12/2024", ""],
        [4, "Hộ ông Đinh Văn Tư", None, "X-TL", "Hộ gia đình", "Gia đình văn hóa", 2024, "", "", "9/QĐ-UBND",
         "25/12/2024", ""],
        [5, "Hồ Văn Nam", None, "X-TL", "Hộ", "GĐVH", 2024, "", "", "9/QĐ-UBND", "25/12/2024", ""],
        [6, "Hộ Lê Văn Vắng", None, "X-TL", "Hộ gia đình", "GĐVH", 2024, "", "", "9/QĐ-UBND", "25/12/2024", ""],
    ]
    batch, page = upload_and_validate(client, "awards", "tap-the.xlsx", xlsx(AWARD_HEADER, rows))
    errors = {(int(r), c): m for r, c, m in error_rows(page)}
    assert set(errors) == {(4, "Họ và tên"), (7, "Họ và tên")}
    assert "Không tìm thấy tập thể “Phòng Không Có” thuộc đơn vị “Sở Tài chính”" in errors[(4, "Họ và tên")]
    assert "Không tìm thấy hộ gia đình có chủ hộ “Hộ Lê Văn Vắng”" in errors[(7, "Họ và tên")]

    rows = [r for r in rows if r[0] not in (3, 6)]
    batch, page = upload_and_validate(client, "awards", "tap-the.xlsx", xlsx(AWARD_HEADER, rows))
    assert batch.status == BatchStatus.VALID, batch.errors
    client.post(reverse("imports:commit", args=[batch.pk]))
    got = {(r.recipient_name, r.award_type.code, r.subject_kind) for r in AwardRecord.objects.filter(year=2024,
                                                                                                   decision__isnull=False)}
    assert got == {("Phòng Ngân sách", "TTLDTT", "collective"), ("Phòng Ngân sách", "GK", "collective"),
                   ("Hộ Đinh Văn Tư", "GD_VAN_HOA", "household"), ("Hộ Hồ Văn Nam", "GD_VAN_HOA", "household")}
    # The commune chair issues the household titles: the decision is filed under the commune.
    assert Decision.objects.get(number="9/QĐ-UBND").issuer_name == "UBND xã Thanh Liêm"


@pytest.mark.django_db
def test_a_long_file_is_written_by_a_background_job_with_its_result_on_the_job_page(
        client, world, staff, settings, django_capture_on_commit_callbacks):
    settings.TDKT_IMPORT_INLINE_ROWS = 0  # every file is "long" here
    login(client, world.clerk_a)
    before = counts()
    batch, _ = upload_and_validate(client, "awards", "khen-thuong-nen.xlsx", xlsx(AWARD_HEADER, good_rows()))
    assert batch.status == BatchStatus.VALID, batch.errors
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("imports:commit", args=[batch.pk]))
    assert started.status_code == 302 and started.url.startswith("/viec-chay-nen/")
    page = client.get(started.url).content.decode()
    assert "Ghi tệp nhập “khen-thuong-nen.xlsx”" in page and "Hoàn thành" in page
    assert "Đã ghi 4 khen thưởng" in page and f'href="/nhap-excel/{batch.pk}/"' in page
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED and counts()[0] == before[0] + 4
    # the job run again (a worker died before marking it done) writes nothing twice
    from tdkt.core.models import Job
    from tdkt.imports.tasks import commit_import

    commit_import.call(Job.objects.get().pk, batch.pk)
    assert counts()[0] == before[0] + 4 and Job.objects.get().status == "done"
