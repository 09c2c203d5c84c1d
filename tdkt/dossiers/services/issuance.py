"""What an issued decision produces: the decision itself as a signed PDF and as Word, and one
signed certificate per recipient with a QR code to the public verification page.

`numbering.give_number` creates the `Certificate` rows in its transaction (none while the decision
waits for its number), so that the numbering (số sổ vàng = the recipient's order in the decision's list, documents-and-reports.md
§3.5) is fixed with the decision; the files are rendered after the commit (design.md rule 1) by
`generate_documents`, which only fills what is missing, so a failed or interrupted run is simply
repeated ("Tạo lại văn bản còn thiếu"). They run as a background job (`tdkt worker`,
dossiers.tasks.render_documents; TDKT_DOCUMENTS_IN_BACKGROUND) and the dossier page shows the
progress from the rows themselves. Each certificate's file is recorded only if the row has none
yet, so a worker killed in the middle and the job run again (or two runs at once) make every
certificate exactly once.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from tdkt.awards.choices import Authority, SubjectKind
from tdkt.awards.models import AwardRecord, Decision
from tdkt.core import audit, clock
from tdkt.documents import certificate as cert_docs
from tdkt.documents.decision import AwardGroup, DecisionDoc, Recipient, render_decision_docx, render_decision_pdf
from tdkt.rules import money, procedure
from tdkt.rules.case import CaseError

from ..choices import DossierAction
from ..models import Certificate, CertificateLayoutSetting, Dossier, IssuedFile, IssuedFileKind
from ..workflow import require_office
from .wording import (
    achievement_phrase,
    award_phrase,
    display_name,
    expand_unit_name,
    issuer_for,
    place_name,
    split_issuer,
    subject_description,
)

log = logging.getLogger(__name__)

# The province's blanks (A3 Bằng khen-sized, A4 Giấy khen-sized); which award prints on which, and
# its title, is rule data (tdkt.rules.procedure.certificate_spec). LĐTT, CSTT and Tập thể LĐTT are
# paid in money only; awards of the Prime Minister and the President are printed centrally.
LAYOUT_NAMES = procedure.CERTIFICATE_LAYOUT_NAMES


def signer_dir() -> str:
    return str(settings.TDKT_SIGNER_DIR)


def public_base() -> str:
    """TDKT_PUBLIC_URL: required with DEBUG off, the demonstration's address otherwise (tdkt.installation)."""
    return settings.TDKT_PUBLIC_URL.rstrip("/")


# --- Layouts of the province's blanks --------------------------------------------------------

def layout_for(name: str) -> cert_docs.CertificateLayout:
    saved = CertificateLayoutSetting.objects.filter(name=name).first()
    if saved is not None:
        return cert_docs.layout_from_dict(saved.data)
    return cert_docs.default_layout(name)


@transaction.atomic
def save_layout(actor, name: str, data: dict) -> CertificateLayoutSetting:
    """The office stores its blank's positions; the JSON is validated field by field."""

    require_office(actor)
    if name not in LAYOUT_NAMES:
        raise ValidationError({"name": ["Mẫu phôi không tồn tại."]})
    try:
        layout = cert_docs.layout_from_dict(data)
    except ValueError as exc:
        raise ValidationError({"data": [str(exc)]}) from exc
    clean = cert_docs.layout_to_dict(layout)
    setting = CertificateLayoutSetting.objects.filter(name=name).first()
    if setting is None:
        setting = CertificateLayoutSetting.objects.create(name=name, data=clean, updated_by=actor)
        audit.created(actor, setting, note=f"Mẫu in phôi {LAYOUT_NAMES[name]}")
    else:
        before = audit.snapshot(setting)
        setting.data, setting.updated_by = clean, actor
        setting.save()
        audit.changed(actor, setting, before)
    return setting


# --- The decision as a document --------------------------------------------------------------

def reward_amount(record: AwardRecord, signed_on) -> int | None:
    """Reward money from the rule engine (legal-rules.md §7.3); None when the law's rate is unknown."""
    try:
        return money.reward(record.award_type.code, record.subject_kind, signed_on).amount
    except CaseError:
        return None


def decision_records(decision: Decision):
    return (decision.records.select_related("award_type", "person__unit", "recipient_unit__parent",
                                            "household__unit")
            .order_by("-award_type__rank", "award_type__code", "subject_kind", "recipient_sort_key", "id"))


def decision_doc(dossier: Dossier, decision: Decision) -> DecisionDoc:
    issuing_body = decision.issuer_unit.name if decision.issuer_unit else decision.issuer_name
    return compose_decision(dossier, list(decision_records(decision)), number=decision.number,
                            signed_on=decision.signed_on, issuing_body=issuing_body, summary=decision.summary,
                            signer_title=decision.signer_title, signer_name=decision.signer_name)


def draft_doc(dossier: Dossier, nominees, *, summary: str, signer_title: str, signer_name: str,
              signed_on=None) -> DecisionDoc:
    """The decision as it will read once signed, built from the passed nominees before any record
    exists: what the leader reads (and previews as PDF) before signing. It carries no number (the
    văn thư gives it after the signature)."""
    from .wording import decision_symbol

    def order(n):
        return (-n.award_type.rank, n.award_type.code, n.subject_kind, n.recipient_sort_key, n.pk)

    issuer_unit, _, _ = issuer_for(dossier)
    return compose_decision(dossier, sorted(nominees, key=order), number=f"…/{decision_symbol()}",
                            signed_on=signed_on or clock.today(), issuing_body=issuer_unit.name, summary=summary,
                            signer_title=signer_title, signer_name=signer_name)


def compose_decision(dossier: Dossier, records, *, number: str, signed_on, issuing_body: str, summary: str,
                     signer_title: str, signer_name: str) -> DecisionDoc:
    """The decision's text from its recipients (award records, or the nominees of a draft)."""
    groups: dict[int, AwardGroup] = {}
    order = 0
    any_money = False
    for record in records:
        group = groups.get(record.award_type_id)
        if group is None:
            group = groups[record.award_type_id] = AwardGroup(award_phrase(record.award_type, signed_on),
                                                              achievement_phrase(dossier))
        order += 1
        amount = reward_amount(record, signed_on)
        any_money = any_money or amount is not None
        group.recipients.append(Recipient(order, display_name(record), subject_description(record),
                                          record.subject_kind, amount, f"{order:02d}"))
    upper_body, issuer = split_issuer(issuing_body)
    _, issuer_name, authority_title = issuer_for(dossier)
    letter = ""
    if dossier.letter_number:
        letter = f" tại Tờ trình số {dossier.letter_number}"
        if dossier.letter_date:
            letter += f" ngày {dossier.letter_date:%d/%m/%Y}"
    bases = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
        "một số điều của Luật Thi đua, khen thưởng;",
    ]
    if settings.TDKT_PROVINCE_REGULATION:
        bases.append(f"Căn cứ {settings.TDKT_PROVINCE_REGULATION};")
    bases.append(f"Xét đề nghị của {dossier.proposing_unit.name}{letter}; đề nghị của "
                 f"{settings.TDKT_OFFICE_HEAD_TITLE},")
    money_article = ""
    if any_money:
        money_article = (f"Tiền thưởng kèm theo mức quy định tại Nghị định số 152/2025/NĐ-CP (có danh sách kèm theo), "
                         f"chi từ nguồn Quỹ thi đua, khen thưởng năm {signed_on.year}.")
    execution = (f"Quyết định này có hiệu lực kể từ ngày ký.\nChánh Văn phòng {expand_unit_name(issuing_body)}, "
                 f"{settings.TDKT_OFFICE_HEAD_TITLE.removeprefix('Giám đốc ').removeprefix('Trưởng ')}, "
                 f"Thủ trưởng {dossier.proposing_unit.name} và các tập thể, cá nhân có tên tại Điều 1 "
                 f"chịu trách nhiệm thi hành Quyết định này./.")
    sign_prefix, signer_title = _sign_lines(signer_title)
    return DecisionDoc(
        number=number, signed_on=signed_on, place=place_name(), upper_body=upper_body,
        issuer=issuer, authority_title=authority_title, summary=summary, bases=bases,
        groups=list(groups.values()), money_article=money_article, execution_article=execution,
        copies_to=["Như Điều 3;", "Lưu: VT, TĐKT."], sign_prefix=sign_prefix, signer_title=signer_title,
        signer_name=signer_name, authority_name=issuer_name)


def _sign_lines(signer_title: str) -> tuple[str, str]:
    """'KT. CHỦ TỊCH Phó Chủ tịch' was stored as one line: split the prefix back out."""
    match = re.match(r"^((?:KT|TM|TL|TUQ)\.\s+\S+(?:\s+\S+)*?)\s+((?:Phó\s+)?Chủ tịch|Giám đốc|Trưởng ban)$",
                     signer_title.strip())
    if match:
        return match.group(1), match.group(2)
    return "", signer_title.strip()


# --- Certificates ------------------------------------------------------------------------------

def require_number(decision: Decision) -> None:
    """What carries the number waits for it: no document and no certificate before the văn thư
    gives the decision its number and date."""
    if decision.awaiting_number:
        raise ValidationError({"decision": ["Quyết định đang chờ văn thư cấp số: chưa tạo văn bản, chưa cấp bằng."]})


def prepare_certificates(dossier: Dossier, decision: Decision) -> list[Certificate]:
    """One row per recipient of an award the province prints, numbered in the order of the list;
    called inside the transaction that gives the decision its number (none before)."""
    require_number(decision)
    rows = []
    for order, record in enumerate(decision_records(decision), 1):
        spec = procedure.certificate_spec(record.award_type.code, decision.signed_on)
        if spec is None:
            continue
        rows.append(Certificate(
            award_record=record, decision=decision, dossier=dossier, order=order,
            serial=f"{decision.signed_on.year}-{decision.pk:05d}-{order:03d}", code=secrets.token_urlsafe(12),
            layout_name=spec.layout))
    return Certificate.objects.bulk_create(rows)


def certificate_docs(certs: list[Certificate], base_url: str | None = None) -> list[cert_docs.CertificateDoc]:
    """The printed content of certificates of one dossier; what they share (the issuer's title, the
    place, the signer) is worked out once, not per certificate."""
    if not certs:
        return []

    _, _, authority_title = issuer_for(certs[0].dossier)
    place, base = place_name(), (base_url or public_base()).rstrip("/")
    achievement = achievement_phrase(certs[0].dossier).removeprefix("đã ").capitalize()
    docs = []
    for cert in certs:
        record, decision = cert.award_record, cert.decision
        sign_prefix, signer_title = _sign_lines(decision.signer_title)
        name = (record.person.full_name if record.subject_kind == SubjectKind.INDIVIDUAL and record.person is not None
                else record.recipient_name)
        spec = procedure.certificate_spec(record.award_type.code, decision.signed_on)
        docs.append(cert_docs.CertificateDoc(
            serial=cert.serial, award_name=spec.title if spec else record.award_type.name, issuer_title=authority_title,
            recipient_name=name, recipient_line=subject_description(record), achievement=achievement,
            decision_number=decision.number, decision_date=decision.signed_on, golden_book_number=f"{cert.order:02d}",
            place=place, signed_on=decision.signed_on, sign_prefix=sign_prefix, signer_title=signer_title,
            signer_name=decision.signer_name, verify_url=f"{base}/xac-minh/{cert.code}/"))
    return docs


def _certificates(dossier: Dossier):
    return (Certificate.objects.filter(dossier=dossier)
            .select_related("decision", "dossier__proposing_unit", "award_record__award_type",
                            "award_record__person__unit", "award_record__recipient_unit__parent",
                            "award_record__household__unit"))


def print_on_blank_pdf(actor, dossier: Dossier, layout_name: str, serials: list[str] | None = None) -> bytes:
    """Only the variable text at the province's positions, for pre-printed blanks (phôi): one
    PDF with one page per certificate, to send to the printer. Not signed (paper is signed by hand)."""
    from pypdf import PdfReader, PdfWriter


    require_office(actor)
    certs = [c for c in _certificates(dossier).filter(layout_name=layout_name)
             if serials is None or c.serial in serials]
    if not certs:
        raise ValidationError({"layout": ["Không có bằng nào theo mẫu phôi này trong quyết định."]})
    pages = cert_docs.render_certificates_pdf(certificate_docs(certs), layout_for(layout_name),
                                              print_on_blank=True)
    writer = PdfWriter()
    for data in pages:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Generating and storing the files ----------------------------------------------------------

def store_issued_file(dossier: Dossier, kind: str, data: bytes, download_name: str) -> IssuedFile:
    issued = IssuedFile(dossier=dossier, kind=kind, download_name=download_name, size=len(data),
                        sha256=hashlib.sha256(data).hexdigest())
    issued.file.save(download_name, ContentFile(data), save=False)
    issued.save()
    return issued


def _file_stem(decision: Decision) -> str:
    return "QD-" + re.sub(r"[^0-9A-Za-z]+", "-", decision.number.replace("Đ", "D")).strip("-")


def generate_documents(dossier: Dossier, *, base_url: str | None = None, workers: int | None = None) -> dict:
    """Render what is missing for the dossier's decision: the decision (signed PDF, Word) and the
    certificates (signed PDFs). Returns counts of what was made."""
    from tdkt.documents.batch import render_and_sign_certificates
    from tdkt.documents.signing import sign_pdf

    decision = dossier.decision
    if decision is None:
        raise ValidationError({"decision": ["Hồ sơ chưa có quyết định."]})
    require_number(decision)
    made = {"decision": 0, "certificates": 0}
    have = set(IssuedFile.objects.filter(dossier=dossier).values_list("kind", flat=True))
    if IssuedFileKind.DECISION_PDF not in have or IssuedFileKind.DECISION_DOCX not in have:
        doc = decision_doc(dossier, decision)
        stem = _file_stem(decision)
        if IssuedFileKind.DECISION_PDF not in have:
            store_issued_file(dossier, IssuedFileKind.DECISION_PDF, sign_pdf(render_decision_pdf(doc), signer_dir()), stem + ".pdf")
            made["decision"] += 1
        if IssuedFileKind.DECISION_DOCX not in have:
            store_issued_file(dossier, IssuedFileKind.DECISION_DOCX, render_decision_docx(doc), stem + ".docx")
            made["decision"] += 1
    pending = list(_certificates(dossier).filter(file=""))
    by_layout: dict[str, list[Certificate]] = {}
    for cert in pending:
        by_layout.setdefault(cert.layout_name, []).append(cert)
    workers = workers if workers is not None else settings.TDKT_CERTIFICATE_WORKERS
    step = settings.TDKT_CERTIFICATE_CHUNK  # saved chunk by chunk: the page shows progress, an interruption loses little
    for layout_name, certs in by_layout.items():
        layout = layout_for(layout_name)
        for start in range(0, len(certs), step * max(workers, 1)):
            chunk = certs[start:start + step * max(workers, 1)]
            pdfs = render_and_sign_certificates(certificate_docs(chunk, base_url), layout, signer_dir(),
                                                workers=workers)
            made["certificates"] += _store_certificates(chunk, pdfs)
    return made


def _store_certificates(certs: list[Certificate], pdfs: list[bytes]) -> int:
    """Save the files and record each on its row only if the row has none yet (another run may
    have made it meanwhile: then this run's file is removed). Returns how many were recorded."""
    now = clock.now()
    recorded = 0
    with transaction.atomic():
        for cert, data in zip(certs, pdfs):
            cert.file.save(f"{cert.serial}.pdf", ContentFile(data), save=False)
            if Certificate.objects.filter(pk=cert.pk, file="").update(
                    file=cert.file.name, sha256=hashlib.sha256(data).hexdigest(), rendered_at=now):
                recorded += 1
            else:
                cert.file.delete(save=False)
    return recorded


def schedule_documents(dossier_id: int, base_url: str | None = None) -> None:
    """After the decision commits: queue the rendering for `tdkt worker`, or render now."""
    from ..tasks import render_documents

    if settings.TDKT_DOCUMENTS_IN_BACKGROUND:
        render_documents.enqueue(dossier_id, base_url)
        return
    try:
        generate_documents(Dossier.objects.select_related("decision").get(pk=dossier_id), base_url=base_url)
    except Exception:  # the dossier page offers to make what is missing again
        log.exception("Không tạo được văn bản của hồ sơ %s", dossier_id)


def regenerate_missing(actor, dossier: Dossier, base_url: str | None = None) -> dict | None:
    """The office asks again for files a failed run left out: queued for the worker (None), or made
    at once when documents are not made in the background (the counts made)."""

    require_office(actor)
    if dossier.decision_id is None or dossier.decision.authority in (Authority.PRIME_MINISTER, Authority.PRESIDENT):
        raise ValidationError({"decision": ["Hồ sơ chưa có quyết định do tỉnh ban hành."]})
    if settings.TDKT_DOCUMENTS_IN_BACKGROUND:
        missing = Certificate.objects.filter(dossier=dossier, file="").count()
        audit.record(actor, DossierAction.DOCUMENTS_REGENERATE, dossier,
                     note=f"Tạo lại văn bản còn thiếu (chạy nền): {missing} bằng chưa có tệp")
        schedule_documents(dossier.pk, base_url)
        return None
    made = generate_documents(dossier, base_url=base_url)
    audit.record(actor, DossierAction.DOCUMENTS_REGENERATE, dossier, note=f"Tạo lại văn bản còn thiếu: {made['decision']} văn bản, "
                                                f"{made['certificates']} bằng")
    return made


def document_status(dossier: Dossier) -> dict:
    certs = Certificate.objects.filter(dossier=dossier)
    total = certs.count()
    done = certs.exclude(file="").count()
    files = {f.kind: f for f in IssuedFile.objects.filter(dossier=dossier)}
    complete = total == done and IssuedFileKind.DECISION_PDF in files and IssuedFileKind.DECISION_DOCX in files
    return {"files": files, "certificates_total": total, "certificates_done": done, "complete": complete,
            "percent": 100 if complete else int(100 * done / total) if total else 0,
            "queued": not complete and documents_queued(dossier.pk)}


def documents_queued(dossier_id: int) -> bool:
    """Whether a rendering job of the dossier waits in the queue or runs (not a failed or lost one)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from ..tasks import render_documents

    pending = DBTaskResult.objects.filter(task_path=render_documents.module_path,
                                          status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    return any(r.args_kwargs.get("args", [None])[:1] == [dossier_id] for r in pending.only("args_kwargs"))


def find_certificate(code: str) -> Certificate | None:
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,32}", code or ""):
        return None
    return (Certificate.objects.select_related("decision", "award_record__award_type", "award_record__person__unit",
                                               "award_record__recipient_unit", "award_record__household")
            .filter(code=code).first())


def verify_upload(data: bytes):
    """Check an uploaded certificate PDF: the signature (signed by us, unchanged since) and whether
    it is byte for byte a certificate of the register."""
    from tdkt.documents.signing import verify_pdf

    result = verify_pdf(data, signer_dir())
    digest = hashlib.sha256(data).hexdigest()
    match = (Certificate.objects.select_related("decision", "award_record__award_type")
             .filter(sha256=digest).first())
    return result, match



def sample_certificate(layout_name: str) -> cert_docs.CertificateDoc:
    """A made-up certificate with long names, to try a layout on a blank before printing."""
    award = "Bằng khen" if layout_name == "bang_khen" else "Giấy khen"
    return cert_docs.CertificateDoc(
        serial="2026-00000-001", award_name=award,
        issuer_title=f"Chủ tịch Ủy ban nhân dân tỉnh {place_name()}",
        recipient_name="Bà Nguyễn Thị Phương Thảo", recipient_line="Phó Trưởng phòng Nghiệp vụ Y, Sở Y tế",
        achievement="Đã có thành tích xuất sắc trong công tác năm 2025", decision_number="123/QĐ-UBND",
        decision_date=clock.today(), golden_book_number="01", place=place_name(), signed_on=clock.today(),
        sign_prefix="KT. CHỦ TỊCH", signer_title="Phó Chủ tịch", signer_name="Trần Văn Mẫu",
        verify_url=f"{public_base()}/xac-minh/mau-thu/")
