"""The package the province sends upward for awards of the Prime Minister or the President
(legal-rules.md §4.1–4.2): the province's tờ trình and its list in Word and PDF (the list in Excel
too), each nominee's achievement report and the unit's documents as uploaded, and the council's
vote-count minutes in Word and PDF, in one ZIP laid out the way the central electronic dossier
system takes them. Built from the dossier as it stands; stored when the dossier is forwarded.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from tdkt.awards.choices import Authority
from tdkt.documents import submission as sub
from tdkt.documents.minutes import render_minutes_docx, render_minutes_pdf

from ..choices import AttachmentKind
from ..models import AgendaItem, CouncilSession, Dossier, IssuedFile, IssuedFileKind
from .council import minutes_doc
from .issuance import store_issued_file
from .wording import achievement_phrase, display_name, passed_nominees, place_name, split_issuer, subject_description

ADDRESSEE = "Thủ tướng Chính phủ"


def _ascii(name: str) -> str:
    """File names inside the archive: plain ASCII, so that every unzip tool shows them alike."""
    plain = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    plain = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9A-Za-z.]+", "-", plain).strip("-")[:80] or "tep"


def _verb(award_code: str, category: str) -> str:
    if award_code.startswith("HC"):
        return "tặng thưởng"
    return "phong tặng" if category == "honorary" else "tặng"


def _session(dossier: Dossier) -> CouncilSession | None:
    item = (AgendaItem.objects.filter(nominee__dossier=dossier, result__in=["passed", "failed"])
            .select_related("session").order_by("-session__held_on", "-id").first())
    return item.session if item else None


def submission_doc(dossier: Dossier) -> sub.SubmissionDoc:

    nominees = list(passed_nominees(dossier).select_related("person__unit", "recipient_unit__parent",
                                                           "household__unit"))
    groups: dict[int, sub.NomineeGroup] = {}
    for order, n in enumerate(nominees, 1):
        group = groups.get(n.award_type_id)
        if group is None:
            group = groups[n.award_type_id] = sub.NomineeGroup(
                n.award_type.name, achievement_phrase(dossier), verb=_verb(n.award_type.code, n.award_type.category))
        group.nominees.append(sub.Nominee(order, display_name(n), subject_description(n), n.subject_kind,
                                          n.achievement))
    province = dossier.proposing_unit
    while province.parent_id:
        province = province.parent
    upper_body, issuer = split_issuer(province.name)
    process = []
    session = _session(dossier)
    if session is not None:
        items = AgendaItem.objects.filter(session=session, nominee__in=nominees)
        lowest = min((i.agree for i in items), default=0)
        process.append(sub.council_paragraph(session.council_name, session.held_on, session.memberships.count(),
                                             session.present_count or 0, lowest))
    if dossier.disclosure_start and dossier.disclosure_end:
        process.append(sub.disclosure_paragraph(dossier.disclosure_start, dossier.disclosure_end,
                                                "trên Cổng thông tin điện tử của tỉnh",
                                                objections=dossier.comments.count()))
    decider = "Chủ tịch nước" if dossier.authority == Authority.PRESIDENT else ""
    return sub.SubmissionDoc(
        number=dossier.forward_number or "…/TTr-UBND", signed_on=dossier.forwarded_on, place=place_name(),
        upper_body=upper_body, issuer=issuer, summary=f"Về việc {dossier.title[:1].lower()}{dossier.title[1:]}"
        if not dossier.title.lower().startswith(("về việc", "v/v")) else dossier.title,
        addressee=ADDRESSEE,
        bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
               "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết "
               "một số điều của Luật Thi đua, khen thưởng;"],
        process=process, groups=list(groups.values()),
        copies_to=["Như trên;", "Bộ Nội vụ;", "Lưu: VT, TĐKT."],
        sign_prefix="TM. ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH", signer_name="", decider=decider,
        enclosures=["Danh sách đề nghị khen thưởng", "Báo cáo thành tích của các tập thể, cá nhân",
                    "Biên bản kiểm phiếu của Hội đồng Thi đua - Khen thưởng tỉnh"])


def build_package(dossier: Dossier) -> bytes:
    doc = submission_doc(dossier)
    listing = sub.nominee_list_for(doc)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("01-To-trinh/To-trinh.docx", sub.render_submission_docx(doc))
        archive.writestr("01-To-trinh/To-trinh.pdf", sub.render_submission_pdf(doc))
        archive.writestr("02-Danh-sach/Danh-sach-de-nghi.docx", sub.render_nominee_list_docx(listing))
        archive.writestr("02-Danh-sach/Danh-sach-de-nghi.pdf", sub.render_nominee_list_pdf(listing))
        archive.writestr("02-Danh-sach/Danh-sach-de-nghi.xlsx", sub.render_nominee_list_xlsx(listing))
        for attachment in dossier.attachments.select_related("nominee").order_by("nominee_id", "kind", "id"):
            folder = "03-Bao-cao-thanh-tich" if attachment.kind == AttachmentKind.REPORT else "04-Tai-lieu-don-vi"
            who = _ascii(attachment.nominee.recipient_name) if attachment.nominee else "Ho-so"
            with attachment.file.open("rb") as handle:
                archive.writestr(f"{folder}/{who}-{attachment.pk}-{_ascii(attachment.original_name)}", handle.read())
        session = _session(dossier)
        if session is not None:
            minutes = minutes_doc(session)
            archive.writestr("05-Bien-ban-kiem-phieu/Bien-ban-kiem-phieu.docx", render_minutes_docx(minutes))
            archive.writestr("05-Bien-ban-kiem-phieu/Bien-ban-kiem-phieu.pdf", render_minutes_pdf(minutes))
    return buffer.getvalue()


def store_package(dossier: Dossier) -> IssuedFile:
    """Keep what was sent: the package as it stood when the dossier was forwarded."""
    data = build_package(dossier)
    IssuedFile.objects.filter(dossier=dossier, kind=IssuedFileKind.PACKAGE).delete()
    return store_issued_file(dossier, IssuedFileKind.PACKAGE, data, f"Ho-so-trinh-{dossier.code}.zip")

