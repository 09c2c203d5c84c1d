"""Award list, Excel export, decision register, revocation."""
import datetime
import io

import pytest
from python_calamine import CalamineWorkbook

from tdkt.awards import services
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.core.models import AuditEvent
from tdkt.core.uploads import BLANK_PDF as MINIMAL_PDF
from tdkt.testing import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(world):
    decision = services.create_decision(world.officer, number="123/QĐ-UBND", signed_on=datetime.date(2024, 12, 20),
                                        authority="province_chair", issuer_name="UBND tỉnh Hà Nam",
                                        signer_name="Trương Quốc Huy", signer_title="Chủ tịch UBND tỉnh",
                                        summary="Về việc tặng Bằng khen năm 2024")
    bk = AwardType.objects.get(code="BK_TINH")
    record_a = services.create_award_record(world.officer, award_type=bk, subject_kind="individual",
                                            person=world.person_a, year=2024, decision=decision)
    record_b = services.create_award_record(world.officer, award_type=bk, subject_kind="individual",
                                            person=world.person_b, year=2024, decision=decision)
    return decision, record_a, record_b


def test_award_list_filters_by_year_award_and_subject(world, decided):
    client = login(world.officer)
    body = client.get("/khen-thuong/", {"year": 2024, "award": "BK_TINH"}).content.decode()
    assert "Nguyễn Văn Đức" in body and "Nguyễn Thị Ánh" in body
    body = client.get("/khen-thuong/", {"year": 2023, "award": "BK_TINH"}).content.decode()
    assert "Nguyễn Văn Đức" not in body
    assert "Không có khen thưởng" in client.get("/khen-thuong/", {"subject_kind": "collective"}).content.decode()


def test_bad_filter_value_is_answered_in_vietnamese_not_500(world):
    response = login(world.officer).get("/khen-thuong/", {"year": "abc", "award": "KHONG_CO"})
    assert response.status_code == 200
    assert "Nhập một số" in response.content.decode() or "Hãy nhập" in response.content.decode() or "số" in response.content.decode()


def test_export_is_a_real_xlsx_scoped_like_the_page(world, decided):
    response = login(world.clerk_b).get("/khen-thuong/xuat-excel/", {"year": 2024})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][1] == "Họ và tên / Tập thể"
    names = [r[1] for r in rows[1:]]
    assert names == ["Nguyễn Thị Ánh"]  # the clerk of unit B does not export unit A's people


def test_a_long_export_is_a_background_job_whose_file_only_its_owner_downloads(
        world, decided, settings, django_capture_on_commit_callbacks):
    settings.TDKT_EXPORT_INLINE_ROWS = 0  # every list is "long" here
    clerk = login(world.clerk_b)
    with django_capture_on_commit_callbacks(execute=True):
        started = clerk.get("/khen-thuong/xuat-excel/", {"year": 2024})
    assert started.status_code == 302 and started.url.startswith("/viec-chay-nen/")
    page = clerk.get(started.url).content.decode()
    assert "Hoàn thành" in page and "Đã xuất 1 dòng khen thưởng." in page and 'id="job-download"' in page
    assert 'value="100"' in page  # the progress bar is full
    download = clerk.get(started.url + "tai-ve/")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(download.streaming_content))).get_sheet_by_index(0)
    assert [r[1] for r in rows.to_python()[1:]] == ["Nguyễn Thị Ánh"]  # the owner's scope, as on the page
    assert "Xuất Excel danh sách khen thưởng" in clerk.get("/viec-chay-nen/").content.decode()
    # nobody else sees the job or its file, not even the office
    for other in (world.clerk_a, world.officer):
        assert login(other).get(started.url).status_code == 404
        assert login(other).get(started.url + "tai-ve/").status_code == 404
        assert "Xuất Excel danh sách khen thưởng" not in login(other).get("/viec-chay-nen/").content.decode()


def test_decision_register_lists_recipients_within_scope(world, decided):
    decision, _, _ = decided
    body = login(world.officer).get(f"/quyet-dinh/{decision.pk}/").content.decode()
    assert "Nguyễn Văn Đức" in body and "Nguyễn Thị Ánh" in body and "Trương Quốc Huy" in body
    body = login(world.clerk_b).get(f"/quyet-dinh/{decision.pk}/").content.decode()
    assert "Nguyễn Thị Ánh" in body and "Nguyễn Văn Đức" not in body
    assert "123/QĐ-UBND" in login(world.officer).get("/quyet-dinh/", {"q": "123/qd"}).content.decode()


def test_revocation_is_a_recorded_act_and_viewer_cannot(world, decided):
    _, record_a, _ = decided
    url = f"/khen-thuong/{record_a.pk}/"
    assert login(world.viewer).post(url, {"act_number": "1/QĐ", "act_date": "01/02/2025", "reason": "x"}).status_code == 403
    response = login(world.officer).post(url, {"act_number": "", "act_date": "31/02/2025", "reason": ""})
    body = response.content.decode()
    assert "Phải ghi số văn bản thu hồi." in body and "Ngày văn bản không hợp lệ" in body
    assert AwardRecord.objects.get(pk=record_a.pk).status == "valid"
    before = AuditEvent.objects.count()
    response = login(world.officer).post(url, {"act_number": "15/QĐ-UBND", "act_date": "01/02/2025",
                                               "reason": "Kê khai thành tích không trung thực"})
    assert response.status_code == 302
    record = AwardRecord.objects.get(pk=record_a.pk)
    assert record.status == "revoked" and record.revocation.act_number == "15/QĐ-UBND"
    assert AuditEvent.objects.count() == before + 1
    assert "Đã thu hồi" in login(world.officer).get(f"/ca-nhan/{world.person_a.pk}/").content.decode()


def test_decision_number_is_unique_per_issuer_and_year(world, decided):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.create_decision(world.officer, number="123/QĐ-UBND", signed_on=datetime.date(2024, 5, 1),
                                 authority="province_chair", issuer_name="UBND tỉnh Hà Nam")
    assert "number" in exc.value.message_dict


def test_catalogue_lists_codes_and_multipliers(world):
    body = login(world.viewer).get("/danh-muc/").content.decode()
    assert "CSTD_CS" in body and "Chiến sĩ thi đua cơ sở" in body and "HCLD_3" in body
    assert AwardType.objects.get(code="BK_TTG").multiplier_individual == 3.5


def test_huge_or_fractional_filter_numbers_are_form_errors_not_500(world):
    client = login(world.officer)
    for url, params in (("/ca-nhan/", {"birth_year": "99999999999999999999"}),
                        ("/ca-nhan/", {"unit": "1.5"}),
                        ("/khen-thuong/", {"year": "99999999999999999999", "unit": "-3"}),
                        ("/quyet-dinh/", {"year": "abc"})):
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
        body = response.content.decode()
        assert "phải là số nguyên" in body or "không được lớn hơn" in body or "không được nhỏ hơn" in body


def test_award_search_matches_every_word_in_any_order(world, decided):
    body = login(world.officer).get("/khen-thuong/", {"q": "duc nguyen"}).content.decode()
    assert "Nguyễn Văn Đức" in body and "Nguyễn Thị Ánh" not in body


def test_services_refuse_mismatched_recipients_and_ancient_decisions(world):
    from django.core.exceptions import ValidationError

    bk = AwardType.objects.get(code="BK_TINH")
    with pytest.raises(ValidationError) as exc:
        services.create_award_record(world.officer, award_type=bk, subject_kind="individual", person=world.person_a,
                                     recipient_unit=world.unit_a, year=2024)
    assert "recipient_unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_decision(world.officer, number="1/QĐ", signed_on=datetime.date(1800, 1, 1),
                                 authority="unit_head", issuer_name="Sở Tài chính")
    assert "signed_on" in exc.value.message_dict


def test_a_clerk_registers_a_decision_of_own_unit_and_still_sees_it(world):
    decision = services.create_decision(world.clerk_a, number="7/QĐ-STC", signed_on=datetime.date(2025, 1, 10),
                                        authority="unit_head", issuer_name="Sở Tài chính")
    assert decision.issuer_unit_id == world.unit_a.pk
    assert login(world.clerk_a).get(f"/quyet-dinh/{decision.pk}/").status_code == 200
    assert login(world.clerk_b).get(f"/quyet-dinh/{decision.pk}/").status_code == 404




def test_decision_file_upload_is_checked_by_content_and_served_only_in_scope(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = login(world.clerk_a)
    form = {"number": "8/QĐ-STC", "signed_on": "15/01/2025", "authority": "unit_head",
            "issuer_name": "Sở Tài chính", "summary": "Về việc tặng Giấy khen"}
    fake = SimpleUploadedFile("qd.pdf", "Không phải PDF".encode(), content_type="application/pdf")
    body = client.post("/quyet-dinh/them/", {**form, "file": fake}).content.decode()
    assert "Tệp quyết định: chỉ nhận tệp PDF, Word (.docx); nội dung tệp tải lên không phải loại này." in body
    renamed = SimpleUploadedFile("qd.docx", MINIMAL_PDF)
    assert "không khớp nội dung tệp" in client.post("/quyet-dinh/them/", {**form, "file": renamed}).content.decode()
    from tdkt.awards.models import Decision

    assert not Decision.objects.filter(number="8/QĐ-STC").exists()
    response = client.post("/quyet-dinh/them/", {**form, "file": SimpleUploadedFile("qd-8.pdf", MINIMAL_PDF)})
    assert response.status_code == 302
    decision = Decision.objects.get(number="8/QĐ-STC")
    assert decision.issuer_unit_id == world.unit_a.pk and str(tmp_path) in decision.file.path
    download = client.get(f"/quyet-dinh/{decision.pk}/tep/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert login(world.clerk_b).get(f"/quyet-dinh/{decision.pk}/tep/").status_code == 404


def test_clerk_cannot_edit_a_higher_authoritys_decision(world, decided):
    decision, _, _ = decided
    body = login(world.clerk_a).post(f"/quyet-dinh/{decision.pk}/sua/", {
        "number": decision.number, "signed_on": "20/12/2024", "authority": "province_chair",
        "issuer_name": "UBND tỉnh Hà Nam", "summary": "Sửa"}).content.decode()
    assert "chỉ được sửa ở cấp tỉnh" in body


def test_finished_jobs_and_their_files_are_removed_after_the_kept_days(world, decided, settings,
                                                                       django_capture_on_commit_callbacks):
    from tdkt.core import clock, jobs
    from tdkt.core.models import Job

    settings.TDKT_EXPORT_INLINE_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        login(world.clerk_b).get("/khen-thuong/xuat-excel/", {"year": 2024})
    job = Job.objects.get()
    path = job.file.path
    assert jobs.prune() == 0
    clock.travel(settings.TDKT_JOB_FILES_DAYS + 1)
    assert jobs.prune() == 1 and not Job.objects.exists()
    import os

    assert not os.path.exists(path)
