"""Building blocks the dossier tests share: uploads with real content, a dossier ready to submit,
a council of members."""
from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.awards.models import AwardType
from tdkt.core.choices import Role
from tdkt.core.uploads import BLANK_PDF as PDF  # a blank one-page PDF that pypdf opens (the bytes decide, not the name)
from tdkt.dossiers import services
from tdkt.testing import make_user


def pdf(name="to-trinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx(name="bao-cao.docx"):
    """A real Word document of one paragraph (python-docx opens it, as the upload check does)."""
    import docx as python_docx

    buffer = io.BytesIO()
    document = python_docx.Document()
    document.add_paragraph("Báo cáo thành tích")
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def award(code):
    return AwardType.objects.get(code=code)


def ready_dossier(actor, unit, nominees, *, year=2025, authority="province_chair", kind="regular",
                  title="Đề nghị khen thưởng năm 2025"):
    """A draft dossier with its nominees [(subject kwargs, award code)] and every required document."""
    dossier = services.create_dossier(actor, proposing_unit=unit, title=title, authority=authority, kind=kind,
                                      year=year)
    services.add_attachment(actor, dossier, upload=pdf(), kind="proposal")
    services.add_attachment(actor, dossier, upload=pdf("bien-ban.pdf"), kind="minutes")
    for subject, code in nominees:
        kind_ = "individual" if "person" in subject else "collective" if "recipient_unit" in subject else "household"
        n = services.add_nominee(actor, dossier, award_type=award(code), subject_kind=kind_,
                                 achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025", **subject)
        services.add_attachment(actor, dossier, upload=docx(), kind="report", nominee=n)
    return dossier


def council(size, prefix="tv"):
    """`size` council members without a unit (so no automatic recusal)."""
    return [make_user(f"{prefix}{i}", Role.COUNCIL, full_name=f"Thành viên {i}") for i in range(1, size + 1)]


def through_disclosure(world, dossier, *, members: int = 5):
    """Take a draft dossier through appraisal (all passed), a unanimous council vote and the whole
    disclosure period, to the point where the leader may sign."""
    from tdkt.core import clock
    from tdkt.dossiers.services import council as council_services, decisions

    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    for nominee in dossier.nominees.all():
        services.appraise_nominee(world.officer, nominee, outcome="passed",
                                  justification="Đã đối chiếu hồ sơ gốc của đơn vị")
    services.complete_appraisal(world.officer, dossier)
    voters = council(members, prefix=f"tv{dossier.pk}-")
    session = council_services.create_session(world.officer, title="Phiên họp xét khen thưởng", held_on=clock.today(),
                                              members=voters, chair_name="Trương Quốc Huy",
                                              secretary_name="Lê Thị Ngọc Ánh")
    council_services.add_to_agenda(world.officer, session, [dossier])
    council_services.open_session(world.officer, session)
    for member in voters:
        council_services.cast_ballot_paper(member, session, {i.pk: "agree" for i in session.items.all()})
    council_services.close_session(world.officer, session)
    dossier.refresh_from_db()
    decisions.start_disclosure(world.officer, dossier)
    dossier.refresh_from_db()
    clock.travel((dossier.disclosure_end - clock.today()).days + 1)
    return session


def sign_and_number(world, dossier, *, number: str | None = None, signed_on=None, **signing):
    """The leader signs (the decision waits for its number), then the văn thư gives the number the
    register proposes (or `number`) dated today (or `signed_on`)."""
    from tdkt.core import clock
    from tdkt.dossiers.services import decisions, numbering

    signing.setdefault("signer_name", "Trương Quốc Huy")
    decision = decisions.issue_decision(world.leader, dossier, **signing)
    dossier.refresh_from_db()
    return numbering.give_number(world.officer, dossier, number=number or numbering.proposal(decision),
                                 signed_on=signed_on or clock.today())
