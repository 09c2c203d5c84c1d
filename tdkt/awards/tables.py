"""Tables of award records and decisions, and the award list's page of rows.

The award list (`award_listing`, template `awards/_award_table.html`) is a plain template rather than
django-tables2: over a million records it is a busy page, and the generic table's per-cell
machinery cost several times the queries (bench web). Its sorts are the table's.
"""
import django_tables2 as tables
from django.core.paginator import Paginator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import AwardRecord, Decision


class AwardRecordTable(tables.Table):
    recipient_name = tables.Column(verbose_name="Cá nhân, tập thể", order_by=("recipient_sort_key", "id"),
                                   linkify=lambda record: record.get_absolute_url())
    subject_kind = tables.Column(verbose_name="Đối tượng")
    award_type = tables.Column(verbose_name="Danh hiệu, hình thức", order_by=("-award_type__rank", "recipient_sort_key"))
    year = tables.Column(verbose_name="Năm")
    unit = tables.Column(verbose_name="Đơn vị", order_by=("unit__sort_key",))
    # Rendered in Python, not by TemplateColumn: that compiles its template again for every cell.
    decision = tables.Column(verbose_name="Quyết định", order_by=("decision__signed_on",), empty_values=())
    status = tables.Column(verbose_name="Tình trạng", empty_values=())

    def render_decision(self, record):
        decision = record.decision
        if decision is None:
            return ""
        signed = date_format(decision.signed_on, "d/m/Y") if decision.signed_on else ""
        return format_html('<a href="{}">{}</a> <span class="text-muted small">{}</span>',
                           decision.get_absolute_url(), decision.number, signed)

    def render_status(self, record):
        if record.status == "revoked":
            return mark_safe('<span class="badge badge-revoked">Đã thu hồi</span>')
        return "Có hiệu lực"

    class Meta:
        model = AwardRecord
        fields = ["recipient_name", "subject_kind", "award_type", "year", "unit", "decision", "status"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = "Không có khen thưởng nào phù hợp."


class DecisionTable(tables.Table):
    number = tables.Column(verbose_name="Số, ký hiệu", linkify=True, empty_values=())
    signed_on = tables.DateColumn(format="d/m/Y", verbose_name="Ngày ký")
    issuer_name = tables.Column(verbose_name="Cơ quan ban hành")
    signer_name = tables.Column(verbose_name="Người ký")
    summary = tables.Column(verbose_name="Trích yếu")
    n_records = tables.Column(verbose_name="Số lượt", orderable=True, attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Decision
        fields = ["number", "signed_on", "issuer_name", "signer_name", "summary", "n_records"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = "Không có quyết định nào phù hợp."

    def render_number(self, record):
        return record.number_display  # "chờ cấp số" until the văn thư gives it


PAGE_SIZE = 25
# The list's sort keys and their order, as the table's columns had them (`-key` reverses each field).
AWARD_SORTS = {
    "recipient_name": ("recipient_sort_key", "id"),
    "subject_kind": ("subject_kind",),
    "award_type": ("-award_type__rank", "recipient_sort_key"),
    "year": ("year",),
    "unit": ("unit__sort_key",),
    "decision": ("decision__signed_on",),
    "status": ("status",),
}
AWARD_COLUMNS = [("recipient_name", "Cá nhân, tập thể"), ("subject_kind", "Đối tượng"),
                 ("award_type", "Danh hiệu, hình thức"), ("year", "Năm"), ("unit", "Đơn vị"),
                 ("decision", "Quyết định"), ("status", "Tình trạng")]


def _reverse(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def award_listing(request, queryset) -> dict:
    """Context for `awards/_award_table.html`: the sorted page of records and the sort links.
    Without a sort (or with an unknown one) the model's order applies: newest year first."""
    sort = request.GET.get("sort", "")
    key = sort.lstrip("-")
    if key in AWARD_SORTS:
        order = AWARD_SORTS[key]
        queryset = queryset.order_by(*(map(_reverse, order) if sort.startswith("-") else order))
    else:
        sort = key = ""
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    columns = [{"key": k, "label": label, "active": key == k, "descending": sort.startswith("-"),
                "next": f"-{k}" if sort == k else k} for k, label in AWARD_COLUMNS]
    return {"page": page, "paginator": paginator, "columns": columns, "sort": sort}
