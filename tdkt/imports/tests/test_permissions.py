"""Who may import what: scope, read-only roles, other users' batches, and files that are not .xlsx."""
import pytest
from django.urls import reverse

from tdkt.awards.models import AwardRecord
from tdkt.imports.models import BatchStatus, ImportBatch
from tdkt.org.models import Person

from .helpers import AWARD_HEADER, PEOPLE_HEADER, error_rows, login, upload, upload_and_validate, xlsx

AWARD_ROW_FOR_UNIT_A = [1, "Nguyễn Văn Đức", "17/05/1980", "STC", "", "CSTĐCS", 2024, "", "", "1/QĐ-STC",
                        "20/12/2024", ""]


@pytest.mark.django_db
class TestScope:
    def test_a_clerk_of_unit_b_importing_into_unit_a_gets_a_row_error(self, client, world):
        login(client, world.clerk_b)
        batch, page = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, [AWARD_ROW_FOR_UNIT_A]))
        assert batch.status == BatchStatus.INVALID
        [(row, column, message)] = error_rows(page)
        assert (row, column) == ("2", "Đơn vị")
        assert "“STC” không có trong danh mục hoặc không thuộc phạm vi của bạn" in message

        rows = [[1, "Lê Thị Mơ", "Nữ", "", "", "", "Sở Tài chính", "", "", "", "", ""],
                [2, "Lê Thị Mận", "Nữ", "", "", "", "SYT-BV", "", "", "", "", ""]]
        batch, page = upload_and_validate(client, "people", "cn.xlsx", xlsx(PEOPLE_HEADER, rows))
        assert [(r, c) for r, c, _ in error_rows(page)] == [("2", "Đơn vị")]
        assert not Person.objects.filter(full_name__startswith="Lê Thị M").exists()

    def test_a_clerk_cannot_reach_a_person_of_another_unit_by_name(self, client, world):
        # Nguyễn Thị Ánh works in unit B; a clerk of unit A naming her under unit A finds nobody.
        login(client, world.clerk_a)
        row = [1, "Nguyễn Thị Ánh", "", "STC", "", "LĐTT", 2024, "", "", "1/QĐ-STC", "20/12/2024", ""]
        batch, page = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, [row]))
        [(_, column, message)] = error_rows(page)
        assert column == "Họ và tên" and "Không tìm thấy cá nhân “Nguyễn Thị Ánh”" in message

    def test_the_provincial_officer_imports_into_any_unit(self, client, world):
        login(client, world.officer)
        batch, _ = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, [AWARD_ROW_FOR_UNIT_A]))
        assert batch.status == BatchStatus.VALID
        client.post(reverse("imports:commit", args=[batch.pk]))
        assert AwardRecord.objects.filter(person=world.person_a, award_type__code="CSTD_CS", year=2024).exists()


@pytest.mark.django_db
class TestRoles:
    @pytest.mark.parametrize("persona", ["viewer", "council", "leader"])
    def test_read_only_roles_get_403(self, client, world, persona):
        login(client, getattr(world, persona))
        assert client.get(reverse("imports:upload")).status_code == 403
        assert client.get(reverse("imports:batches")).status_code == 403
        assert client.get(reverse("imports:template", args=["ca-nhan"])).status_code == 403
        response = upload(client, "people", "cn.xlsx", xlsx(PEOPLE_HEADER, []))
        assert response.status_code == 403
        assert not ImportBatch.objects.exists()

    def test_anonymous_visitors_are_sent_to_the_login_page(self, client, world):
        response = client.get(reverse("imports:upload"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    def test_another_users_batch_answers_404(self, client, world):
        login(client, world.clerk_a)
        batch, _ = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, [AWARD_ROW_FOR_UNIT_A]))
        assert batch.status == BatchStatus.VALID
        client.logout()
        for other in (world.clerk_b, world.officer):
            login(client, other)
            assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
            assert client.post(reverse("imports:step", args=[batch.pk])).status_code == 404
            assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 404
            assert "kt.xlsx" not in client.get(reverse("imports:batches")).content.decode()
            client.logout()
        assert not AwardRecord.objects.filter(award_type__code="CSTD_CS").exists()

    def test_commit_and_step_take_only_post(self, client, world):
        login(client, world.clerk_a)
        batch, _ = upload_and_validate(client, "awards", "kt.xlsx", xlsx(AWARD_HEADER, [AWARD_ROW_FOR_UNIT_A]))
        assert client.get(reverse("imports:commit", args=[batch.pk])).status_code == 405
        assert client.get(reverse("imports:step", args=[batch.pk])).status_code == 405


@pytest.mark.django_db
class TestUploadChecks:
    def refused(self, client, name, data, kind="people"):
        response = upload(client, kind, name, data)
        assert response.status_code == 200
        assert not ImportBatch.objects.exists()
        return response.content.decode()

    def test_a_text_file_renamed_xlsx_gets_a_vietnamese_error_and_no_batch(self, client, world):
        login(client, world.clerk_a)
        page = self.refused(client, "danh-sach.xlsx", "Họ và tên,Đơn vị\nNguyễn Văn A,STC\n".encode())
        assert "không phải là tệp Excel .xlsx hợp lệ" in page

    def test_a_zip_that_is_not_a_workbook_is_refused(self, client, world):
        import io
        import zipfile
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "không phải Excel")
        login(client, world.clerk_a)
        assert "không phải là tệp Excel .xlsx hợp lệ" in self.refused(client, "a.xlsx", buffer.getvalue())

    def test_other_extensions_are_refused(self, client, world):
        login(client, world.clerk_a)
        assert "Chỉ nhận tệp Excel đuôi .xlsx" in self.refused(client, "danh-sach.csv", b"a,b\n")
        page = self.refused(client, "cu.xls", xlsx(PEOPLE_HEADER, []))
        assert "lưu lại dạng .xlsx" in page

    def test_files_over_the_size_limit_are_refused(self, client, world, settings):
        settings.TDKT_MAX_UPLOAD_BYTES = 1000
        login(client, world.clerk_a)
        assert "vượt giới hạn" in self.refused(client, "lon.xlsx", xlsx(PEOPLE_HEADER, [[1, "A B", "Nam"]] * 50))

    def test_too_many_rows_are_refused(self, client, world, settings):
        settings.TDKT_IMPORT_MAX_ROWS = 3
        login(client, world.clerk_a)
        rows = [[i, "Lê Văn Tám", "Nam", "", "", "", "STC"] for i in range(5)]
        assert "vượt giới hạn 3 dòng" in self.refused(client, "nhieu.xlsx", xlsx(PEOPLE_HEADER, rows))

    def test_a_sheet_without_the_required_columns_is_refused(self, client, world):
        login(client, world.clerk_a)
        page = self.refused(client, "thieu.xlsx", xlsx(["STT", "Họ và tên", "Ngày sinh"], [[1, "Lê Văn Tám", ""]]))
        assert "Dòng tiêu đề thiếu cột bắt buộc: Giới tính, Đơn vị" in page
        page = self.refused(client, "la.xlsx", xlsx(["a", "b"], [[1, 2]]), kind="awards")
        assert "Không tìm thấy dòng tiêu đề" in page

    def test_a_file_with_no_data_rows_is_invalid(self, client, world):
        login(client, world.clerk_a)
        batch, page = upload_and_validate(client, "people", "rong.xlsx", xlsx(PEOPLE_HEADER, [[], [None, ""]]))
        assert batch.status == BatchStatus.INVALID
        assert "Tệp không có dòng dữ liệu nào" in page

    def test_the_stored_file_lives_under_media_root_imports_with_a_generated_name(self, client, world, settings):
        login(client, world.clerk_a)
        upload(client, "people", "../../etc/passwd.xlsx", xlsx(PEOPLE_HEADER, [[1, "Lê Văn Tám", "Nam", "", "", "", "STC"]]))
        batch = ImportBatch.objects.get()
        assert batch.file.name.startswith("imports/") and "passwd" not in batch.file.name
        assert str(settings.MEDIA_ROOT) in batch.file.path
        assert batch.created_by == world.clerk_a and batch.unit == world.unit_a
