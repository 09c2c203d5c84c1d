"""Tables of award records and decisions."""
import django_tables2 as tables

from .models import AwardRecord, Decision


class AwardRecordTable(tables.Table):
    recipient_name = tables.Column(verbose_name="Cá nhân, tập thể", order_by=("recipient_sort_key", "id"),
                                   linkify=lambda record: record.get_absolute_url())
    subject_kind = tables.Column(verbose_name="Đối tượng")
    award_type = tables.Column(verbose_name="Danh hiệu, hình thức", order_by=("-award_type__rank", "recipient_sort_key"))
    year = tables.Column(verbose_name="Năm")
    unit = tables.Column(verbose_name="Đơn vị", order_by=("unit__sort_key",))
    decision = tables.TemplateColumn(
        '{% if record.decision %}<a href="{{ record.decision.get_absolute_url }}">{{ record.decision.number }}</a>'
        ' <span class="text-muted small">{{ record.decision.signed_on|date:"d/m/Y" }}</span>{% endif %}',
        verbose_name="Quyết định", order_by=("decision__signed_on",))
    status = tables.TemplateColumn(
        '{% if record.status == "revoked" %}<span class="badge badge-revoked">Đã thu hồi</span>{% else %}Có hiệu lực{% endif %}',
        verbose_name="Tình trạng")

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
