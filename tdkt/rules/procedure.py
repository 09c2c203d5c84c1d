"""Procedure facts as rule data: council vote thresholds, the public disclosure period, the
certificates the province prints and their wording, the awards of an emulation block, and the award
lists of batch runs. Pure Python, no Django (shared/design.md rule 4).

Each fact is a dated, cited row (`valid_from`/`valid_to`, a `basis` citing the article in force in
that period, `unconfirmed` where legal-rules.md marks it UNCONFIRMED), so confirming a fact, or a
new decree changing one, is one row, not an edit in workflow code. The functions pick the row in
force on a date:

    vote_threshold(award_code, on) -> VoteThreshold
    vote_threshold_label(share, strict, on) -> str
    disclosure_period(award_codes, on) -> DisclosurePeriod
    certificate_spec(award_code, on) -> CertificateSpec | None
    CERTIFICATE_LAYOUT_NAMES
    decision_phrase(award_code, on) -> str | None
    block_awards(on) -> BlockAwards
    batch_awards(subject_kind, on) -> tuple[str, ...]

Sources (legal-rules.md): council votes §2.5 (NĐ 98/2023 Điều 30 khoản 7; the NĐ 152/2025
equivalents are UNCONFIRMED), public comment on orders and state honorary titles §3.6 (NĐ 98/2023
Điều 46 khoản 2, ≥ 10 working days; NĐ 152 equivalent UNCONFIRMED), state-level forms §3.1
(NĐ 98 Điều 3 khoản 1; NĐ 152 Điều 3), block flags §2.3 (Luật Điều 26 khoản 1).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Iterable, Mapping

from .catalogue import AWARDS
from .errors import ProcedureError
from .texts import LAW_2022, ND98, ND152

LAW_IN_FORCE = dt.date(2024, 1, 1)  # Luật TĐKT 06/2022/QH15; the system applies nothing older


@dataclass(frozen=True)
class Dated:
    valid_from: dt.date
    valid_to: dt.date | None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _in_force(rows, day: dt.date, what: str):
    for row in rows:
        if row.in_force_on(day):
            return row
    raise ProcedureError(f"Không có quy định về {what} cho ngày {day:%d/%m/%Y} (hệ thống áp dụng từ "
                         f"{LAW_IN_FORCE:%d/%m/%Y}, Luật TĐKT 2022)")


# --- council vote thresholds ----------------------------------------------------------------------

@dataclass(frozen=True)
class VoteThreshold:
    share: Decimal
    strict: bool  # True: more than `share`; False: at least `share`
    label: str
    basis: str
    unconfirmed: bool = False


@dataclass(frozen=True)
class VoteRow(Dated):
    awards: frozenset[str]  # empty: every award without a row of its own (the council's majority rule)
    share: Decimal
    strict: bool
    label: str
    basis: str
    unconfirmed: bool = False

    def threshold(self) -> VoteThreshold:
        return VoteThreshold(self.share, self.strict, self.label, self.basis, self.unconfirmed)


NINETY_LABEL = "≥ 90% tổng số thành viên Hội đồng"
EIGHTY_LABEL = "≥ 80% tổng số thành viên Hội đồng"
MAJORITY_LABEL = "quá bán tổng số thành viên Hội đồng"
NINETY_AWARDS = frozenset({"AHLD", "AHLLVT", "CSTD_TQ", "CSTD_TINH"})
EIGHTY_AWARDS = frozenset({"CSTD_CS", "CO_TD_TINH", "CO_TD_CP"})
ND152_VOTE = (f"{ND152.code} (điều khoản về tỷ lệ biểu quyết cần xác minh; giữ mức của {ND98.code} "
              f"Điều 30 khoản 7)")
COUNCIL_RULES = "Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (biểu quyết theo đa số)"

# Counted on the council's total membership (absent members give written opinions).
VOTE_ROWS: tuple[VoteRow, ...] = (
    VoteRow(ND98.valid_from, ND98.valid_to, NINETY_AWARDS, Decimal("0.900"), False, NINETY_LABEL,
            f"{ND98.code} Điều 30 khoản 7"),
    VoteRow(ND98.valid_from, ND98.valid_to, EIGHTY_AWARDS, Decimal("0.800"), False, EIGHTY_LABEL,
            f"{ND98.code} Điều 30 khoản 7"),
    VoteRow(ND152.valid_from, None, NINETY_AWARDS, Decimal("0.900"), False, NINETY_LABEL, ND152_VOTE, True),
    VoteRow(ND152.valid_from, None, EIGHTY_AWARDS, Decimal("0.800"), False, EIGHTY_LABEL, ND152_VOTE, True),
    VoteRow(LAW_IN_FORCE, None, frozenset(), Decimal("0.500"), True, MAJORITY_LABEL, COUNCIL_RULES),
)


def vote_threshold(award_code: str, on: dt.date) -> VoteThreshold:
    """The share of the council's members needed to pass a nominee for `award_code` on `on`."""
    rows = [r for r in VOTE_ROWS if r.in_force_on(on)]
    if not rows:
        _in_force(VOTE_ROWS, on, "tỷ lệ biểu quyết")
    own = [r for r in rows if award_code in r.awards]
    return (own or [r for r in rows if not r.awards])[0].threshold()


def vote_threshold_label(share: Decimal, strict: bool, on: dt.date) -> str:
    """The label of a stored (share, strict) pair, as the rows in force on `on` word it."""
    share = Decimal(share)
    for row in VOTE_ROWS:
        if row.in_force_on(on) and row.share == share and row.strict == strict:
            return row.label
    word = "trên" if strict else "≥"
    return f"{word} {share * 100:.0f}% tổng số thành viên Hội đồng"


# --- public disclosure --------------------------------------------------------------------------------

@dataclass(frozen=True)
class DisclosurePeriod:
    state: bool  # orders (Huân chương) or state honorary titles are among the awards
    working_days: int | None  # None: the province's own period (settings TDKT_DISCLOSURE_DAYS)
    basis: str
    unconfirmed: bool = False


@dataclass(frozen=True)
class DisclosureRow(Dated):
    state: bool
    working_days: int | None
    basis: str
    unconfirmed: bool = False


DISCLOSURE_ROWS: tuple[DisclosureRow, ...] = (
    DisclosureRow(ND98.valid_from, ND98.valid_to, True, 10, f"{ND98.code} Điều 46 khoản 2"),
    DisclosureRow(ND152.valid_from, None, True, 10,
                  f"{ND152.code} (điều khoản tương ứng cần xác minh; giữ mức {ND98.code} Điều 46 khoản 2)", True),
    DisclosureRow(LAW_IN_FORCE, None, False, None,
                  f"{LAW_2022} Điều 5 (công khai); thời hạn do tỉnh quy định"),
)


def is_state_award(code: str) -> bool:
    """Orders (Huân chương) and state honorary titles (danh hiệu vinh dự nhà nước): the awards whose
    proposal is published before the council meets (NĐ 98 Điều 46 khoản 2; state-level forms in
    NĐ 98 Điều 3 khoản 1 / NĐ 152 Điều 3). A code the catalogue lacks is read by its prefix."""
    info = AWARDS.get(code)
    if info is None:
        return code.startswith("HC")
    return info.name.startswith("Huân chương") or info.category == "honorary"


def disclosure_period(award_codes: Iterable[str], on: dt.date) -> DisclosurePeriod:
    state = any(is_state_award(code) for code in award_codes)
    row = _in_force([r for r in DISCLOSURE_ROWS if r.state == state], on, "thời hạn công khai")
    return DisclosurePeriod(state, row.working_days, row.basis, row.unconfirmed)


# --- certificates and decision wording -----------------------------------------------------------------

@dataclass(frozen=True)
class CertificateSpec:
    title: str
    layout: str  # "bang_khen" (A3) or "giay_khen" (A4)
    basis: str
    unconfirmed: bool = False


@dataclass(frozen=True)
class CertificateRow(Dated):
    award: str
    title: str
    layout: str
    basis: str
    unconfirmed: bool = False


CERTIFICATE_LAYOUT_NAMES: Mapping[str, str] = MappingProxyType({
    "bang_khen": "Bằng khen, bằng chứng nhận cấp tỉnh (A3)",
    "giay_khen": "Giấy khen, CSTĐ cơ sở (A4)",
})
# The province's specimens: the law names the award (its article), the province sets the blank.
_CERT = "mẫu phôi do UBND tỉnh quy định"
CERTIFICATE_ROWS: tuple[CertificateRow, ...] = tuple(
    CertificateRow(LAW_IN_FORCE, None, award, title, layout, f"{LAW_2022} {article}; {_CERT}")
    for award, title, layout, article in (
        ("BK_TINH", "Bằng khen", "bang_khen", "Điều 74"),
        ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "bang_khen", "Điều 22"),
        ("TTLDXS", "Tập thể lao động xuất sắc", "bang_khen", "Điều 27"),
        ("CO_TD_TINH", "Cờ thi đua", "bang_khen", "Điều 26"),
        ("GK", "Giấy khen", "giay_khen", "Điều 75"),
        ("CSTD_CS", "Chiến sĩ thi đua cơ sở", "giay_khen", "Điều 23"),
    )
)


def certificate_spec(award_code: str, on: dt.date) -> CertificateSpec | None:
    """The certificate the province prints for `award_code`; None when it prints none (the awards of
    higher authorities, titles it does not certify)."""
    for row in CERTIFICATE_ROWS:
        if row.award == award_code and row.in_force_on(on):
            return CertificateSpec(row.title, row.layout, row.basis, row.unconfirmed)
    return None


@dataclass(frozen=True)
class PhraseRow(Dated):
    award: str
    phrase: str
    basis: str


# How a provincial decision names what it confers, after "Tặng" (the catalogue's names are generic:
# "Bằng khen của bộ, ban, ngành, tỉnh"). The Chủ tịch UBND tỉnh confers them (legal-rules.md §5).
PHRASE_ROWS: tuple[PhraseRow, ...] = (
    PhraseRow(LAW_IN_FORCE, None, "BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", f"{LAW_2022} Điều 74"),
    PhraseRow(LAW_IN_FORCE, None, "CO_TD_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", f"{LAW_2022} Điều 26"),
    PhraseRow(LAW_IN_FORCE, None, "CSTD_TINH", "danh hiệu Chiến sĩ thi đua cấp tỉnh", f"{LAW_2022} Điều 22"),
)


def decision_phrase(award_code: str, on: dt.date) -> str | None:
    """The province's wording after "Tặng"; None: use the catalogue's name."""
    for row in PHRASE_ROWS:
        if row.award == award_code and row.in_force_on(on):
            return row.phrase
    return None


# --- emulation blocks ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BlockAwards:
    flag: str  # the award of the unit leading a block or cluster
    merit: str  # the award proposed for the next-ranked units
    basis: str


@dataclass(frozen=True)
class BlockRow(Dated):
    flag: str
    merit: str
    basis: str


BLOCK_ROWS: tuple[BlockRow, ...] = (
    BlockRow(LAW_IN_FORCE, None, "CO_TD_TINH", "BK_TINH",
             f"{LAW_2022} Điều 26 khoản 1 (Cờ thi đua cho tập thể dẫn đầu cụm, khối); Điều 74 (Bằng khen)"),
)


def block_awards(on: dt.date) -> BlockAwards:
    row = _in_force(BLOCK_ROWS, on, "khen thưởng cụm, khối thi đua")
    return BlockAwards(row.flag, row.merit, row.basis)


# --- batch runs -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchRow(Dated):
    subject_kind: str
    awards: tuple[str, ...]
    basis: str


# The awards whose standards the engine decides from records (the rest need the council).
BATCH_ROWS: tuple[BatchRow, ...] = (
    BatchRow(LAW_IN_FORCE, None, "individual",
             ("LDTT", "CSTD_CS", "CSTD_TINH", "CSTD_TQ", "GK", "BK_TINH", "BK_TTG", "HCLD_3"),
             f"{LAW_2022} Điều 21–24, 44, 73–75"),
    BatchRow(LAW_IN_FORCE, None, "collective",
             ("TTLDTT", "TTLDXS", "CO_TD_TINH", "CO_TD_CP", "GK", "BK_TINH", "BK_TTG"),
             f"{LAW_2022} Điều 25–28, 73–75"),
)


def batch_awards(subject_kind: str, on: dt.date) -> tuple[str, ...]:
    rows = [r for r in BATCH_ROWS if r.subject_kind == subject_kind]
    if not rows:
        raise ProcedureError(f"Loại đối tượng không hợp lệ: {subject_kind!r} (chấp nhận: individual, collective)")
    return _in_force(rows, on, "danh sách xét hàng loạt").awards
