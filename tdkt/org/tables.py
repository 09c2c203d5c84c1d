"""Tables of people; sorting by name uses the Vietnamese sort key."""
import django_tables2 as tables

from .models import Person


class PersonTable(tables.Table):
    full_name = tables.Column(linkify=True, order_by=("sort_key", "id"), verbose_name="Họ và tên")
    birth_date = tables.DateColumn(format="d/m/Y", verbose_name="Ngày sinh")
    gender = tables.Column(verbose_name="Giới tính")
    position = tables.Column(verbose_name="Chức vụ")
    unit = tables.Column(linkify=True, order_by=("unit__sort_key", "sort_key"), verbose_name="Đơn vị")

    class Meta:
        model = Person
        fields = ["full_name", "birth_date", "gender", "position", "unit"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = "Không tìm thấy cá nhân nào."
