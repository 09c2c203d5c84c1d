"""People import: cells as clerks type them, likely duplicates (in the database and within the file),
then the award names clerks write for the people just imported."""
import datetime

import pytest
from django.urls import reverse

from tdkt.awards.models import AwardRecord
from tdkt.core.models import AuditEvent
from tdkt.core.services import system_actor
from tdkt.imports.models import BatchStatus
from tdkt.imports.parsing import COLUMNS, CellError, date, flag, national_id
from tdkt.imports.validation import Lookups
from tdkt.org import services as org_services
from tdkt.org.models import Employment, Person

from .helpers import AWARD_HEADER, PEOPLE_HEADER, error_rows, login, upload_and_validate, xlsx

GOOD = [
    [1, "Phạm Văn Dũng", "Nam", "01/02/1985", "Kinh", "035085001234", "STC", "Chuyên viên", "", "x", "Công chức",
     "01/09/2010"],
    # A date cell, a CCCD typed as a number (its leading zero lost), the unit by its exact name.
    [2, "Hoàng  Thị Em", "nữ", datetime.date(1990, 3, 4), "Tày", 35090001235, "Phòng Ngân sách", "Phó trưởng phòng",
     "Có", None, "", "2015-08-01"],
    [3, "Đinh Văn Phúc", "NAM", "", "", "", "stc-ns", "", "", "", "Người lao động", ""],
]


@pytest.mark.django_db
class TestPeopleImport:
    def test_bad_rows_and_likely_duplicates_are_named_then_the_clean_file_is_saved(self, client, world):
        login(client, world.clerk_a)
        people_before, events_before = Person.objects.count(), AuditEvent.objects.count()
        bad = [
            [4, "Nguyễn Văn Đức", "Nam", "17/05/1980", "", "", "STC", "", "", "", "", ""],
            [5, "Phạm Văn Dũng", "Nam", "01/02/1985", "", "", "STC", "", "", "", "", ""],
            [6, "Vũ Văn Giang", "Nam", "1985-13-01", "", "", "STC", "", "", "", "", ""],
            [7, "Đỗ Thị Hoa", "Nữ", "", "", "035085001234", "STC", "", "", "", "", ""],
            [8, "Lý Văn Khoa", "Không rõ", "", "", "", "STC", "", "có lẽ", "", "", ""],
            [9, "Khoa", "Nam", "", "", "12345", "STC", "", "", "", "Thợ", "01/01/1999"],
        ]
        batch, page = upload_and_validate(client, "people", "ca-nhan.xlsx", xlsx(PEOPLE_HEADER, GOOD + bad))
        assert batch.status == BatchStatus.INVALID
        errors = {(int(r), c): m for r, c, m in error_rows(page)}
        assert errors[(5, "Họ và tên")] == ("Có thể trùng người đã có: Nguyễn Văn Đức, sinh 17/05/1980, "
                                            "đơn vị Phòng Ngân sách.")
        assert "Có thể trùng người ở dòng 2 của tệp" in errors[(6, "Họ và tên")]
        assert "“1985-13-01” không phải ngày hợp lệ" in errors[(7, "Ngày sinh")]
        assert "Số CCCD 035085001234 trùng với dòng 2 của tệp" in errors[(8, "Số CCCD")]
        assert "Giới tính “Không rõ” không hợp lệ" in errors[(9, "Giới tính")]
        assert "Lãnh đạo “có lẽ” không hiểu được" in errors[(9, "Lãnh đạo")]
        assert "ít nhất họ và tên" in errors[(10, "Họ và tên")]
        assert "phải gồm đúng 12 chữ số" in errors[(10, "Số CCCD")]
        assert "Loại cán bộ “Thợ” không hợp lệ" in errors[(10, "Loại cán bộ")]
        assert not any(row in (2, 3, 4) for row, _ in errors)
        assert (Person.objects.count(), AuditEvent.objects.count()) == (people_before, events_before)

        batch, page = upload_and_validate(client, "people", "ca-nhan-da-sua.xlsx", xlsx(PEOPLE_HEADER, GOOD))
        assert batch.status == BatchStatus.VALID, batch.errors
        client.post(reverse("imports:commit", args=[batch.pk]))
        batch.refresh_from_db()
        assert batch.status == BatchStatus.COMMITTED and batch.created_count == 3
        assert Person.objects.count() == people_before + 3
        assert AuditEvent.objects.filter(model="org.person", action="create").count() >= 3
        dung = Person.objects.get(national_id="035085001234")
        assert (dung.unit, dung.gender, dung.birth_date, dung.is_direct_worker, dung.employment_kind) == (
            world.unit_a, "male", datetime.date(1985, 2, 1), True, "civil_servant")
        em = Person.objects.get(full_name="Hoàng Thị Em")
        assert (em.unit, em.national_id, em.is_leader, em.ethnicity, em.hired_on) == (
            world.unit_a_child, "035090001235", True, "Tày", datetime.date(2015, 8, 1))
        assert Employment.objects.get(person=em).start == datetime.date(2015, 8, 1)
        phuc = Person.objects.get(full_name="Đinh Văn Phúc")
        assert (phuc.unit, phuc.ethnicity, phuc.employment_kind) == (world.unit_a_child, "Kinh", "worker")

        # The award names clerks write map to the catalogue's codes.
        rows = [
            [1, "Phạm Văn Dũng", "", "STC", "", "CSTĐCS", 2024, "", "", "10/QĐ-STC", "20/12/2024", ""],
            [2, "Hoàng Thị Em", "", "STC", "", "Chiến sỹ thi đua cơ sở", 2024, "", "", "10/QĐ-STC", "20/12/2024", ""],
            [3, "Đinh Văn Phúc", "", "STC", "", "Bằng khen UBND tỉnh", 2024, "Chuyên đề", "", "5/QĐ-UBND",
             "05/01/2025", ""],
            [4, "Đinh Văn Phúc", "", "STC", "", "bằng khen của Chủ tịch UBND tỉnh", 2024, "", "", "6/QĐ-UBND",
             "05/01/2025", ""],
        ]
        batch, page = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, rows))
        assert batch.status == BatchStatus.VALID, batch.errors
        client.post(reverse("imports:commit", args=[batch.pk]))
        got = {(r.recipient_name, r.award_type.code, r.kind) for r in AwardRecord.objects.filter(decision__isnull=False)}
        assert got == {("Phạm Văn Dũng", "CSTD_CS", "regular"), ("Hoàng Thị Em", "CSTD_CS", "regular"),
                       ("Đinh Văn Phúc", "BK_TINH", "thematic"), ("Đinh Văn Phúc", "BK_TINH", "regular")}

    def test_a_person_of_another_unit_is_a_likely_duplicate_without_showing_their_unit(self, client, world):
        login(client, world.clerk_a)
        rows = [[1, "Nguyễn Thị Ánh", "Nữ", "03/02/1988", "", "", "STC", "", "", "", "", ""]]
        batch, page = upload_and_validate(client, "people", "ca-nhan.xlsx", xlsx(PEOPLE_HEADER, rows))
        [(row, column, message)] = error_rows(page)
        assert (row, column) == ("2", "Họ và tên")
        assert "ngoài phạm vi của bạn" in message and "Bệnh viện" not in message

    def test_different_cccd_numbers_are_different_people(self, client, world):
        root = system_actor()
        org_services.create_person(root, world.unit_a, full_name="Mai Văn Tú", gender="male",
                                   birth_date=datetime.date(1970, 1, 1), national_id="035070000001")
        login(client, world.clerk_a)
        rows = [[1, "Mai Văn Tú", "Nam", "01/01/1970", "", "035070000002", "STC", "", "", "", "", ""]]
        batch, _ = upload_and_validate(client, "people", "ca-nhan.xlsx", xlsx(PEOPLE_HEADER, rows))
        assert batch.status == BatchStatus.VALID, batch.errors

    def test_a_merged_unit_is_refused_with_its_successor_named(self, client, world):
        root = system_actor()
        org_services.merge_units(root, [world.unit_a_child], world.unit_a, datetime.date(2025, 7, 1))
        login(client, world.officer)
        rows = [[1, "Mai Văn Tú", "Nam", "", "", "", "STC-NS", "", "", "", "", ""]]
        batch, page = upload_and_validate(client, "people", "ca-nhan.xlsx", xlsx(PEOPLE_HEADER, rows))
        [(row, column, message)] = error_rows(page)
        assert column == "Đơn vị" and "đã sáp nhập vào “Sở Tài chính” (mã STC)" in message


@pytest.mark.django_db
def test_award_names_as_clerks_write_them(world):
    lookups = Lookups(world.officer)
    cases = {
        "Chiến sỹ thi đua cơ sở": "CSTD_CS", "CSTĐCS": "CSTD_CS", "cstđ cơ sở": "CSTD_CS", "CSTD_CS": "CSTD_CS",
        "Danh hiệu Chiến sĩ thi đua cơ sở": "CSTD_CS", "Chiến sĩ thi đua cấp tỉnh": "CSTD_TINH",
        "Bằng khen UBND tỉnh": "BK_TINH", "Bằng khen của Ủy ban nhân dân tỉnh": "BK_TINH",
        "Bằng khen của UBND tỉnh Hà Nam": "BK_TINH", "BK TTg": "BK_TTG", "Bằng khen Thủ tướng Chính phủ": "BK_TTG",
        "LĐTT": "LDTT", "Lao động tiên tiến": "LDTT", "Giấy khen": "GK", "HCLĐ hạng Ba": "HCLD_3",
        "Huân chương Lao động hạng Nhì": "HCLD_2", "Tập thể LĐXS": None, "TTLĐXS": "TTLDXS",
        "Cờ thi đua của UBND tỉnh": "CO_TD_TINH", "Gia đình văn hóa": "GD_VAN_HOA",
    }
    for written, code in cases.items():
        if code is None:
            with pytest.raises(CellError):
                lookups.resolve_award(written, "Danh hiệu/Hình thức")
        else:
            assert lookups.resolve_award(written, "Danh hiệu/Hình thức").code == code, written


def test_cells_as_clerks_type_them():
    assert date("7/5/1980", "Ngày sinh") == datetime.date(1980, 5, 7)
    assert date("07-05-1980", "Ngày sinh") == datetime.date(1980, 5, 7)
    assert date("07.05.1980", "Ngày sinh") == datetime.date(1980, 5, 7)
    assert date("1980-05-07", "Ngày sinh") == datetime.date(1980, 5, 7)
    assert date(datetime.datetime(1980, 5, 7, 0, 0), "Ngày sinh") == datetime.date(1980, 5, 7)
    assert date("", "Ngày sinh") is None
    for bad in ("1980", "31/02/1980", "05/07/80", 29000.0):
        with pytest.raises(CellError, match="Ngày sinh .* không phải ngày hợp lệ"):
            date(bad, "Ngày sinh")
    assert national_id(35085001234.0, "Số CCCD") == "035085001234"
    assert national_id("035 085 001 234", "Số CCCD") == "035085001234"
    with pytest.raises(CellError):
        national_id("03508500123A", "Số CCCD")
    assert flag("x", "Lãnh đạo") is True and flag("Có", "Lãnh đạo") is True and flag(None, "Lãnh đạo") is False
    assert flag("không", "Lãnh đạo") is False and flag(1.0, "Lãnh đạo") is True
    assert [c.header for c in COLUMNS["people"]] == PEOPLE_HEADER
