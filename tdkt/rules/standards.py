"""The standards of Luật TĐKT 06/2022/QH15 and its decrees as small cited checks, composed per
award type and subject kind (`STANDARDS_VN2022`). Facts and citations: shared/domain/legal-rules.md.

Each check says in Vietnamese which years or records it used. Prerequisite chains appear only where
an article names them (R1 of the decree's principles); a chain counts only `regular` awards (R3) and
only years after a discipline period (R4); a chain already used for the same award is not used again
(Luật Điều 5: one achievement is not rewarded twice). A link counts when conferred; one considered in
the same round only where the law puts both in one round (context.holds_or_meets), and the messages
say which links are conferred ("đã có quyết định") and which are considered now ("đang xét cùng đợt").
Decree citations are the rule set's (`{basis_principles}`…), so each period cites its own decree.
"""
from __future__ import annotations

import math

from .case import RATING_NAMES, SCOPES
from .checks import Check, any_of, check, claim, judge
from .principles import PRINCIPLES, discipline_period, no_open_review, r3_note, r4_note, standard_not_encoded
from .text import years_text

L = "Luật TĐKT 2022"


def links_text(years, links) -> str:
    """A chain's years saying which links are conferred and which are considered in this round:
    "2023, 2024, 2025, đã có quyết định" or "2023, 2024, 2025: năm 2023, 2024 đã có quyết định;
    năm 2025 đủ tiêu chuẩn, đang xét cùng đợt"."""
    conferred = [y for y in years if links.get(y, "held") == "held"]
    pending = [y for y in years if links.get(y) == "meets"]
    if not pending:
        return f"{years_text(years)}, đã có quyết định"
    parts = [f"năm {years_text(conferred)} đã có quyết định"] if conferred else []
    parts.append(f"năm {years_text(pending)} đủ tiêu chuẩn, đang xét cùng đợt")
    return f"{years_text(years)}: " + "; ".join(parts)

# --- individual titles ----------------------------------------------------------------------------

@check("rating_good", f"{L} Điều 24 khoản 1 điểm a")
def rating_good(ctx):
    y = ctx.year
    if ctx.rated_at_least(y, "good"):
        return True, f"Năm {y} xếp loại {ctx.rating_text(y)}"
    return False, f"Năm {y} {ctx.rating_text(y)}: cần hoàn thành tốt nhiệm vụ trở lên"


@check("service_time", "{basis_ldtt_service}; {basis_principles} (R5: thời gian nghỉ thai sản được tính)",
       params=("ldtt_min_service_months",))
def service_time(ctx):
    need = ctx.p["ldtt_min_service_months"]
    months = ctx.service_months(ctx.year)
    maternity = any(a.kind == "maternity" for a in ctx.case.subject.absences)
    note = " (kể cả thời gian nghỉ thai sản)" if maternity else ""
    if months >= need:
        return True, f"Thời gian công tác năm {ctx.year}: {round(months, 1):g} tháng{note} (tối thiểu {need} tháng)"
    shown = int(months * 10) / 10  # rounded down: a time under the minimum never reads as the minimum
    return False, f"Thời gian công tác năm {ctx.year} chỉ {shown:g} tháng{note}: cần từ {need} tháng trở lên"


@check("armed_forces", f"{L} Điều 24; Điều 80 khoản 5")
def armed_forces(ctx):
    if ctx.case.subject.armed_forces:
        return True, "Thuộc lực lượng vũ trang (quân đội, công an, dân quân tự vệ)"
    return False, "Chiến sĩ tiên tiến chỉ xét cho lực lượng vũ trang; người lao động khác xét Lao động tiên tiến"


LDTT_ETHICS = judge("ldtt_ethics", "có tinh thần tự lực, tự cường, đoàn kết, tích cực tham gia phong trào thi đua",
                    f"{L} Điều 24 khoản 1 điểm b")


@check("meets_ldtt", f"{L} Điều 23 khoản 1")
def meets_ldtt(ctx):
    y = ctx.year
    if ctx.holds("LDTT", y) or ctx.holds("CSTT", y):
        return True, f"Đã đạt Lao động tiên tiến năm {y}"
    code = "CSTT" if ctx.case.subject.armed_forces else "LDTT"
    if ctx.holds_or_meets(code, y):
        return True, f"Đủ tiêu chuẩn Lao động tiên tiến năm {y} (đang xét cùng đợt)", ctx.meets_rests(code, y)
    if not ctx.same_round(code):
        return False, f"Chưa có quyết định tặng Lao động tiên tiến năm {y}"
    return False, f"Chưa đạt tiêu chuẩn Lao động tiên tiến năm {y}", ctx.meets_rests(code, y)


@check("excellent_rating", f"{L} Điều 23 khoản 2")
def excellent_rating(ctx):
    y = ctx.year
    if ctx.rating(y) == "excellent":
        return True, f"Năm {y} hoàn thành xuất sắc nhiệm vụ"
    return False, f"Năm {y} {ctx.rating_text(y)}, chưa hoàn thành xuất sắc nhiệm vụ"


def _initiative_check(code, basis, min_scope, kind, label):
    def run(ctx):
        found, reused = ctx.initiatives({ctx.year}, min_scope)
        found = [i for i in found if i.kind == kind]
        if found:
            return True, f"Có {label} được công nhận năm {ctx.year} (phạm vi {SCOPES[found[0].scope]})", \
                ("initiative_reuse_higher_title",) if reused else ()
        return False, f"Không có {label} phạm vi {SCOPES[min_scope]} trở lên được công nhận năm {ctx.year} chưa dùng làm căn cứ"
    return check(code, basis)(run)


CSTD_CS_GROUNDS = any_of(
    "cstd_cs_achievement", f"{L} Điều 23 khoản 2", "Có một trong các thành tích của CSTĐ cơ sở",
    excellent_rating,
    _initiative_check("initiative_unit", f"{L} Điều 23 khoản 2", "unit", "initiative", "sáng kiến"),
    _initiative_check("research_unit", f"{L} Điều 23 khoản 2", "unit", "research", "đề tài, công trình khoa học"),
    claim("combat_ingenuity", "combat_ingenuity", f"{L} Điều 23 khoản 2"),
)


def _chain(ctx, code, length, target):
    """The run of consecutive years (ending in the evaluated year) holding `code`, counting only
    after the last time `target` was awarded and after discipline; the last link may be met in the
    same round."""
    last_target = ctx.last_regular(target, ctx.year)
    floor = max(ctx.counted_from, (last_target or 0) + 1)
    links = {}

    def ok(y):
        how = ctx.holds(code, y) and "held" or (y == ctx.year and ctx.holds_or_meets(code, y))
        if how:
            links[y] = how
        return bool(how)

    run = ctx.run_back(ok, ctx.year, floor)[-length:] if length else []
    return run, links, last_target, floor


@check("consecutive_cstd_cs", f"{L} Điều 22 khoản 1 điểm a", params=())
def consecutive_cstd_cs(ctx):
    need = ctx.p["cstd_tinh_chain"]
    run, links, last, floor = _chain(ctx, "CSTD_CS", need, "CSTD_TINH")
    note = r3_note(ctx, "CSTD_CS") + r4_note(ctx, ctx.year - need + 1)
    if last and last >= ctx.year - need:
        note += f"; chuỗi trước đã dùng cho CSTĐ tỉnh năm {last}"
    rests = ctx.meets_rests("CSTD_CS", ctx.year) if links.get(ctx.year) == "meets" else ()
    if len(run) >= need:
        return True, f"Có {need} lần liên tục đạt Chiến sĩ thi đua cơ sở ({links_text(run, links)}){note}", rests
    if run:
        return False, (f"Chỉ có {len(run)} lần liên tục đạt Chiến sĩ thi đua cơ sở đến năm {ctx.year} "
                       f"({links_text(run, links)}), cần {need} lần{note}"), rests
    return False, f"Năm {ctx.year} không đạt Chiến sĩ thi đua cơ sở, cần {need} lần liên tục{note}"


def _chain_initiative(code, basis, min_scope, years_fn, label):
    def run(ctx):
        years = years_fn(ctx)
        found, reused = ctx.initiatives(set(years), min_scope)
        if found:
            i = found[0]
            what = "đề tài, công trình khoa học" if i.kind == "research" else "sáng kiến"
            return True, f"Có {what} phạm vi {SCOPES[i.scope]} năm {i.year}", \
                ("initiative_reuse_higher_title",) if reused else ()
        span = f"{min(years)}–{max(years)}" if years else str(ctx.year)
        return False, f"Không có sáng kiến hoặc đề tài {label} trong các năm {span} chưa dùng làm căn cứ"
    return check(code, basis)(run)


CSTD_TINH_INITIATIVE = _chain_initiative(
    "initiative_province", f"{L} Điều 22 khoản 1 điểm b", "province",
    lambda ctx: range(ctx.year - ctx.p["cstd_tinh_chain"] + 1, ctx.year + 1),
    "được áp dụng hiệu quả, có khả năng nhân rộng trong phạm vi bộ, ngành, tỉnh")
OUTSTANDING = judge("outstanding", "tiêu biểu xuất sắc trong số những người đủ điều kiện", f"{L} Điều 22 khoản 1 điểm a")


@check("consecutive_cstd_tinh", f"{L} Điều 21 điểm a")
def consecutive_cstd_tinh(ctx):
    need = ctx.p["cstd_tq_chain"]
    cycle = ctx.p["cstd_tinh_chain"]
    last_tq = ctx.last_regular("CSTD_TQ", ctx.year)
    floor = max(ctx.counted_from, (last_tq or 0) + 1)
    chain = []
    rests = ()
    links = {}
    y = ctx.year
    while len(chain) < need and y >= floor:
        how = ctx.holds_or_meets("CSTD_TINH", y)
        if not how:
            break
        if how == "meets":
            rests = ctx.meets_rests("CSTD_TINH", y)
        links[y] = how
        chain.append(y)
        y -= cycle
    # each CSTĐ tỉnh closes a chain of `cycle` CSTĐCS years: the first chain must also be after the floor
    if len(chain) >= need and min(chain) - cycle + 1 < floor:
        chain = chain[:-1]
    note = r3_note(ctx, "CSTD_TINH") + r4_note(ctx, ctx.year - need * cycle + 1)
    if len(chain) >= need:
        return True, f"Có {need} lần liên tục đạt CSTĐ cấp bộ, ban, ngành, tỉnh ({links_text(chain, links)}){note}", rests
    held = sorted(y for y in ctx.regular_years("CSTD_TINH") if y <= ctx.year)
    have = f" (đã có quyết định: {years_text(held)})" if held else ""
    note += ctx.unconferred_note("CSTD_TINH", ctx.year, "CSTĐ cấp tỉnh")
    return False, (f"Chưa có {need} lần liên tục đạt CSTĐ cấp bộ, ban, ngành, tỉnh kết thúc năm {ctx.year}"
                   f"{have}{note}"), rests


CSTD_TQ_INITIATIVE = _chain_initiative(
    "initiative_national", f"{L} Điều 21 điểm b", "national",
    lambda ctx: range(ctx.year - ctx.p["cstd_tq_chain"] * ctx.p["cstd_tinh_chain"] + 1, ctx.year + 1),
    "có hiệu quả, khả năng nhân rộng trong phạm vi toàn quốc")
OUTSTANDING_TQ = judge("outstanding", "tiêu biểu xuất sắc nhất trong số những người có 2 lần liên tục CSTĐ tỉnh",
                       f"{L} Điều 21 điểm a")


# --- collective titles ----------------------------------------------------------------------------

def _members_required(ctx, what):
    return False, f"Chưa có số liệu thành viên của tập thể ({what})"


@check("collective_rating_good", f"{L} Điều 28 khoản 1")
def collective_rating_good(ctx):
    y = ctx.year
    if ctx.rated_at_least(y, "good"):
        return True, f"Năm {y} tập thể {ctx.rating_text(y)}"
    return False, f"Năm {y} tập thể {ctx.rating_text(y)}: cần hoàn thành tốt nhiệm vụ, kế hoạch trở lên"


def _ldtt_share(ctx, share: float, strict: bool, passed_word: str):
    """The members holding LĐTT against a share (TTLĐTT: Điều 28, TTLĐXS: Điều 27), naming how many
    people are missing."""
    m = ctx.case.members
    if m is None or m.ldtt is None:
        return _members_required(ctx, "số đạt Lao động tiên tiến")
    need = _min_count(m.total, share, strict)
    word = "trên" if strict else "từ"
    text = f"{m.ldtt}/{m.total} thành viên đạt Lao động tiên tiến ({m.ldtt / m.total:.0%})"
    if m.ldtt >= need:
        return True, f"{text}: {passed_word} {word} {share:.0%}"
    return False, f"{text}: cần {word} {share:.0%} (ít nhất {need} người, thiếu {need - m.ldtt})"


@check("ldtt_share", f"{L} Điều 28", params=("ttldtt_ldtt_share", "ttldtt_ldtt_share_strict"))
def ldtt_share(ctx):
    return _ldtt_share(ctx, ctx.p["ttldtt_ldtt_share"], ctx.p["ttldtt_ldtt_share_strict"], "đạt tỷ lệ")


def _min_count(total, share, strict):
    need = math.floor(total * share) + 1 if strict else math.ceil(total * share - 1e-9)
    return min(need, total)


@check("no_member_warning", f"{L} Điều 28", params=("ttldtt_no_member_warning",))
def no_member_warning(ctx):
    if not ctx.p["ttldtt_no_member_warning"]:
        return True, "Tỉnh không quy định điều kiện về kỷ luật của thành viên"
    m = ctx.case.members
    n = (m.disciplined_warning_or_above or 0) if m else 0
    if n:
        return False, f"Có {n} thành viên bị kỷ luật từ cảnh cáo trở lên"
    return True, "Không có thành viên bị kỷ luật từ cảnh cáo trở lên"


UNITED = judge("united", "nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật", f"{L} Điều 28 khoản 1")
MOVEMENT = judge("movement", "phong trào thi đua thường xuyên, thiết thực, hiệu quả", f"{L} Điều 27 khoản 1 điểm b")


@check("collective_excellent", f"{L} Điều 27 khoản 1 điểm a")
def collective_excellent(ctx):
    y = ctx.year
    if ctx.rating(y) == "excellent":
        return True, f"Năm {y} tập thể hoàn thành xuất sắc nhiệm vụ"
    return False, f"Năm {y} tập thể {ctx.rating_text(y)}: cần hoàn thành xuất sắc nhiệm vụ"


@check("all_members_completed", f"{L} Điều 27 khoản 1 điểm c")
def all_members_completed(ctx):
    m = ctx.case.members
    if m is None or m.completed is None:
        return _members_required(ctx, "số hoàn thành nhiệm vụ")
    if m.completed == m.total:
        return True, f"100% thành viên ({m.total}/{m.total}) hoàn thành nhiệm vụ"
    return False, f"{m.completed}/{m.total} thành viên hoàn thành nhiệm vụ: cần 100%"


@check("ldtt_share_70", f"{L} Điều 27 khoản 1 điểm c")
def ldtt_share_70(ctx):
    return _ldtt_share(ctx, ctx.p["ttldxs_ldtt_share"], False, "đạt")


@check("member_cstd_cs", f"{L} Điều 27 khoản 1 điểm d")
def member_cstd_cs(ctx):
    m = ctx.case.members
    if m is None or m.cstd_cs is None:
        return _members_required(ctx, "số đạt Chiến sĩ thi đua cơ sở")
    if m.cstd_cs >= 1:
        return True, f"Có {m.cstd_cs} cá nhân đạt Chiến sĩ thi đua cơ sở"
    return False, "Không có cá nhân nào đạt Chiến sĩ thi đua cơ sở"


@check("block_leader", f"{L} Điều 26 khoản 1", params=())
def block_leader(ctx):
    b = ctx.case.block
    need = ctx.p["block_leader_rank"]
    if b is None:
        return False, f"Chưa có kết quả xếp hạng trong cụm, khối thi đua năm {ctx.year}"
    if b.rank <= need:
        return True, f"Dẫn đầu cụm, khối thi đua năm {ctx.year} (hạng {b.rank}/{b.size})"
    return False, f"Xếp hạng {b.rank}/{b.size} trong cụm, khối thi đua năm {ctx.year}: chưa dẫn đầu"


CO_TINH_GROUNDS = any_of(
    "co_td_tinh_ground", f"{L} Điều 26 khoản 1", "Dẫn đầu cụm, khối hoặc dẫn đầu phong trào chuyên đề từ 3 năm",
    block_leader,
    claim("leading_thematic_movement", "leading_thematic_movement", f"{L} Điều 26 khoản 1 điểm b"),
)
EXEMPLARY_COLLECTIVE = judge("exemplary", "là tập thể tiêu biểu xuất sắc; tổ chức đảng, đoàn thể trong sạch, vững mạnh; "
                             "đi đầu thực hành tiết kiệm, chống lãng phí, tham nhũng", f"{L} Điều 26 khoản 1")


@check("province_flag_leader", f"{L} Điều 25 khoản 1")
def province_flag_leader(ctx):
    b = ctx.case.block
    if ctx.holds("CO_TD_TINH", ctx.year):
        return True, f"Đã được tặng Cờ thi đua của tỉnh năm {ctx.year} (dẫn đầu cụm, khối)"
    if b is not None and b.rank <= ctx.p["block_leader_rank"]:
        return True, f"Dẫn đầu cụm, khối thi đua năm {ctx.year} (hạng {b.rank}/{b.size})"
    return False, f"Không thuộc các tập thể dẫn đầu cụm, khối thi đua năm {ctx.year}"


CO_CP_GROUNDS = any_of(
    "co_td_cp_ground", f"{L} Điều 25", "Được lựa chọn trong số tập thể dẫn đầu cụm, khối hoặc tiêu biểu khi tổng kết",
    province_flag_leader,
    claim("movement_review_5_years", "movement_review_5_years", f"{L} Điều 25 khoản 3"),
)

# --- household --------------------------------------------------------------------------------------

GDVH_LAW = judge("gdvh_law", "gương mẫu chấp hành chủ trương, pháp luật; nếp sống văn minh", "NĐ 86/2023/NĐ-CP")
GDVH_MOVEMENT = judge("gdvh_movement", "tích cực tham gia phong trào thi đua ở địa phương", "NĐ 86/2023/NĐ-CP")
GDVH_FAMILY = judge("gdvh_family", "gia đình no ấm, tiến bộ, hạnh phúc, văn minh; đoàn kết, tương trợ cộng đồng",
                    "NĐ 86/2023/NĐ-CP")

# --- commendations ----------------------------------------------------------------------------------

@check("gk_rating", f"{L} Điều 75 khoản 2", params=())
def gk_rating(ctx):
    need = ctx.p["gk_min_rating"]
    y = ctx.year
    if ctx.rated_at_least(y, need):
        return True, f"Năm {y} {ctx.rating_text(y)}"
    return False, f"Năm {y} {ctx.rating_text(y)}: cần {RATING_NAMES[need]} trở lên"


@check("gdvh_years", "NĐ 86/2023/NĐ-CP; thực tiễn NĐ 122/2018/NĐ-CP", params=("gdvh_gk_years",))
def gdvh_years(ctx):
    need = ctx.p["gdvh_gk_years"]
    floor = (ctx.last_regular("GK", ctx.year + 1) or 0) + 1
    run = ctx.run_back(lambda y: ctx.holds("GD_VAN_HOA", y), ctx.year, floor)
    if len(run) >= need:
        return True, f"{len(run)} năm liên tục đạt Gia đình văn hóa ({years_text(run)})"
    return False, f"Chỉ {len(run)} năm liên tục đạt Gia đình văn hóa đến năm {ctx.year}, cần {need} năm"


def _gk_alternatives(kind):
    base = f"{L} Điều 75 khoản 2"
    items = [claim("outstanding_in_movement", "outstanding_in_movement", base),
             claim("ad_hoc_achievement", "ad_hoc_achievement", base)]
    if kind == "household":
        items = [claim("contribution_of_assets", "contribution_of_assets", base), items[0], gdvh_years]
    return any_of("gk_ground", base, "Có thành tích làm căn cứ khen Giấy khen", *items)


EXEMPLARY = judge("exemplary", "gương mẫu chấp hành chủ trương, chính sách, pháp luật", f"{L} Điều 75 khoản 2")


@check("bk_tinh_chain", f"{L} Điều 74 khoản 1 điểm d")
def bk_tinh_chain(ctx):
    need = ctx.p["bk_tinh_chain_years"]
    last = ctx.last_regular("BK_TINH", ctx.year)
    floor = max(ctx.counted_from, (last or 0) + 1)
    cs_run = ctx.run_back(lambda y: ctx.holds_or_meets("CSTD_CS", y),
                          ctx.year, floor)
    ex_run = ctx.run_back(lambda y: ctx.rating(y) == "excellent", ctx.year, floor)
    note = r3_note(ctx, "CSTD_CS") + r4_note(ctx, ctx.year - need + 1)
    if last and last >= ctx.year - need:
        note += f"; đã được tặng Bằng khen tỉnh năm {last}, các năm trước đó không tính lại"
    if len(cs_run) >= need:
        years = cs_run[-need:]
        links = {y: ctx.holds_or_meets("CSTD_CS", y) for y in years}
        rests = ctx.meets_rests("CSTD_CS", ctx.year) if links.get(ctx.year) == "meets" else ()
        return True, f"{need} lần liên tục Chiến sĩ thi đua cơ sở ({links_text(years, links)}){note}", rests
    if len(ex_run) >= need:
        return True, f"{need} năm liên tục hoàn thành xuất sắc nhiệm vụ ({years_text(ex_run[-need:])}){note}"
    note += ctx.unconferred_note("CSTD_CS", ctx.year, "CSTĐ cơ sở")
    return False, (f"Chưa có {need} lần liên tục CSTĐ cơ sở hoặc {need} năm liên tục hoàn thành xuất sắc nhiệm vụ "
                   f"đến năm {ctx.year}{note}")


@check("bk_tinh_initiatives", f"{L} Điều 74 khoản 1 điểm d")
def bk_tinh_initiatives(ctx):
    need = ctx.p["bk_tinh_initiatives"]
    years = set(range(ctx.year - ctx.p["bk_tinh_chain_years"] + 1, ctx.year + 1))
    found, reused = ctx.initiatives(years, "unit")
    if len(found) >= need:
        return True, f"Có {len(found)} sáng kiến, đề tài được công nhận, áp dụng ({years_text({i.year for i in found})})"
    return False, (f"Có {len(found)} sáng kiến, đề tài chưa dùng làm căn cứ trong các năm {years_text(years)}, "
                   f"cần {need}")


def _bk_tinh_point_d():
    def run(ctx):
        a, b = bk_tinh_chain.run(ctx), bk_tinh_initiatives.run(ctx)
        ok = a.passed and b.passed
        return bool(ok), f"{a.message}; {b.message}", a.rests_on + b.rests_on
    return Check("bk_tinh_point_d", f"{L} Điều 74 khoản 1 điểm d", run)


BK_TINH_POINT_D = _bk_tinh_point_d()


@check("collective_two_years", "Luật TĐKT 2022 Điều 74 khoản 6 (tiêu chuẩn tập thể do bộ, ngành, tỉnh quy định chi tiết; "
       "mức thường quy định: 2 năm liên tục)")
def collective_two_years(ctx):
    last = ctx.last_regular("BK_TINH", ctx.year)
    floor = max(ctx.counted_from, (last or 0) + 1)
    run = ctx.run_back(lambda y: ctx.rating(y) == "excellent" or ctx.holds("TTLDXS", y), ctx.year, floor)
    if len(run) >= 2:
        return True, f"2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc Tập thể lao động xuất sắc ({years_text(run[-2:])})"
    return False, f"Chưa có 2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS đến năm {ctx.year}"


def _run_after(ctx, basis_code, target_code, years_param):
    """BK TTg point b and HCLĐ hạng Ba point e: the latest regular `basis_code` not already used for
    `target_code`, then the consecutive years after it rated 'good' or better up to the evaluated year."""
    last_target = ctx.last_regular(target_code, ctx.year + 1) or 0
    bases = [y for y in ctx.regular_years(basis_code) if last_target <= y < ctx.year]
    if not bases:
        return None, []
    base = max(bases)
    floor = max(base + 1, ctx.counted_from)
    run = ctx.run_back(lambda y: ctx.rated_at_least(y, "good"), ctx.year, floor)
    return base, run


@check("bk_ttg_point_b", f"{L} Điều 73 khoản 1 điểm b")
def bk_ttg_point_b(ctx):
    need, need_cs = ctx.p["bk_ttg_years"], ctx.p["bk_ttg_cstd_cs"]
    base, run = _run_after(ctx, "BK_TINH", "BK_TTG", "bk_ttg_years")
    if base is None:
        return False, "Chưa có Bằng khen của bộ, ban, ngành, tỉnh (khen công trạng) làm căn cứ" + r3_note(ctx, "BK_TINH")
    cs = [y for y in run if ctx.holds_or_meets("CSTD_CS", y)]
    rests = ctx.meets_rests("CSTD_CS", ctx.year) if ctx.year in cs and not ctx.holds("CSTD_CS", ctx.year) else ()
    note = r4_note(ctx, base + 1)
    head = f"Bằng khen tỉnh năm {base}; sau đó {len(run)} năm liên tục hoàn thành tốt nhiệm vụ trở lên"
    head += f" ({years_text(run)})" if run else ""
    if len(run) >= need and len(cs) >= need_cs:
        return True, f"{head}, có {len(cs)} lần CSTĐ cơ sở ({years_text(cs)}) đã có quyết định{note}", rests
    note += ctx.unconferred_note("CSTD_CS", ctx.year, "CSTĐ cơ sở")
    missing = []
    if len(run) < need:
        missing.append(f"cần {need} năm")
    if len(cs) < need_cs:
        missing.append(f"cần {need_cs} lần CSTĐ cơ sở, mới có {len(cs)}")
    return False, f"{head}: {'; '.join(missing)}{note}", rests


@check("hcld3_point_e", f"{L} Điều 44 khoản 1 điểm e")
def hcld3_point_e(ctx):
    need, need_ex, need_cs = ctx.p["hcld3_years"], ctx.p["hcld3_excellent_years"], ctx.p["hcld3_cstd_cs"]
    base, run = _run_after(ctx, "BK_TTG", "HCLD_3", "hcld3_years")
    if base is None:
        return False, "Chưa có Bằng khen của Thủ tướng Chính phủ (khen công trạng) làm căn cứ" + r3_note(ctx, "BK_TTG")
    cs = [y for y in run if ctx.holds_or_meets("CSTD_CS", y)]
    rests = ctx.meets_rests("CSTD_CS", ctx.year) if ctx.year in cs and not ctx.holds("CSTD_CS", ctx.year) else ()
    ex = [y for y in run if ctx.rating(y) == "excellent"]
    head = f"Bằng khen Thủ tướng năm {base}; sau đó {len(run)} năm liên tục hoàn thành tốt nhiệm vụ trở lên"
    head += f" ({years_text(run)})" if run else ""
    detail = f", {len(ex)} năm hoàn thành xuất sắc, {len(cs)} lần CSTĐ cơ sở"
    if len(run) >= need and len(ex) >= need_ex and len(cs) >= need_cs:
        return True, head + detail + " đã có quyết định", rests
    missing = []
    if len(run) < need:
        missing.append(f"cần {need} năm")
    if len(ex) < need_ex:
        missing.append(f"cần {need_ex} năm hoàn thành xuất sắc")
    if len(cs) < need_cs:
        missing.append(f"cần {need_cs} lần CSTĐ cơ sở")
    note = r4_note(ctx, base + 1) + ctx.unconferred_note("CSTD_CS", ctx.year, "CSTĐ cơ sở")
    return False, f"{head}{detail}: {'; '.join(missing)}{note}", rests


POST_NAMES = {"general_director": "Tổng cục trưởng hoặc tương đương", "deputy_general_director": "Phó Tổng cục trưởng",
              "director": "Cục trưởng, Vụ trưởng, Giám đốc sở", "deputy_director": "Phó Cục trưởng, Phó Giám đốc sở"}
POST_ORDER = ("general_director", "deputy_general_director", "director", "deputy_director")


@check("career_posts", "{basis_career_years}; {basis_principles} (R7)", params=("career_years_hcld3",))
def career_posts(ctx):
    subject = ctx.case.subject
    if not subject.posts:
        return False, "Không có quá trình giữ chức vụ lãnh đạo"
    factor = 1.0
    rests = ()
    if subject.gender == "female" and not subject.retirement_age_raised:
        factor = ctx.p["career_women_factor"]
    end_default = ctx.case.proposal_date
    years_at = {level: 0.0 for level in POST_ORDER}
    for p in subject.posts:
        years_at[p.kind] += ((p.end or end_default) - p.start).days / 365.25
    thresholds = ctx.p["career_years_hcld3"]
    # time in a higher post counts towards the lower posts' thresholds (the decree's article on
    # quá trình cống hiến: NĐ 152 Điều 9)
    cumulative = 0.0
    for level in POST_ORDER:
        cumulative += years_at[level]
        need = thresholds[level] * factor
        if cumulative + 1e-9 >= need:
            women = " (nữ: giảm 1/3 thời gian)" if factor != 1.0 else ""
            return True, f"Giữ chức vụ {POST_NAMES[level]} trở lên {cumulative:.1f} năm, cần {need:.1f} năm{women}", rests
    best = POST_ORDER[-1]
    return False, (f"Tổng thời gian giữ chức vụ lãnh đạo {cumulative:.1f} năm: chưa đủ {thresholds[best] * factor:.1f} năm "
                   f"ở cấp {POST_NAMES[best]}")


@check("career_retiring", "{basis_career}")
def career_retiring(ctx):
    r = ctx.case.subject.retiring_on
    if r is None:
        return False, "Chỉ đề nghị khen quá trình cống hiến khi có thông báo hoặc quyết định nghỉ hưu"
    return True, f"Có thông báo nghỉ hưu từ {r:%d/%m/%Y}"


@check("career_no_discipline", "{basis_career}")
def career_no_discipline(ctx):
    posts = ctx.case.subject.posts
    if not posts:
        return True, "Không có quá trình giữ chức vụ"
    start = min(p.start for p in posts)
    hits = [d for d in ctx.case.discipline if (d.end or ctx.case.proposal_date) >= start]
    if hits:
        return False, f"Bị kỷ luật trong thời gian giữ chức vụ lãnh đạo (từ {hits[0].start:%d/%m/%Y})"
    return True, "Không bị kỷ luật trong thời gian giữ chức vụ lãnh đạo"


def _claims(base, *names):
    return tuple(claim(n, n, base) for n in names)


BK_TINH_INDIVIDUAL = (
    any_of("bk_tinh_ground", f"{L} Điều 74 khoản 1", "Có một trong các thành tích của Bằng khen tỉnh (cá nhân)",
           BK_TINH_POINT_D,
           *_claims(f"{L} Điều 74 khoản 1", "outstanding_in_movement", "ad_hoc_achievement",
                    "socio_economic_contribution", "production_achievement")),
    judge("exemplary", "gương mẫu chấp hành chủ trương, chính sách, pháp luật", f"{L} Điều 74 khoản 1"),
)
BK_TINH_COLLECTIVE = (
    any_of("bk_tinh_ground", f"{L} Điều 74 khoản 2", "Có một trong các thành tích của Bằng khen tỉnh (tập thể)",
           collective_two_years,
           *_claims(f"{L} Điều 74 khoản 2", "outstanding_in_movement", "ad_hoc_achievement",
                    "socio_economic_contribution")),
    judge("grassroots_democracy", "thực hiện tốt dân chủ ở cơ sở, chăm lo đời sống thành viên, thực hành tiết kiệm, "
          "chống lãng phí, tham nhũng", f"{L} Điều 74 khoản 2"),
)
BK_TINH_HOUSEHOLD = (
    any_of("bk_tinh_ground", f"{L} Điều 74 khoản 3", "Có thành tích của Bằng khen tỉnh (hộ gia đình)",
           *_claims(f"{L} Điều 74 khoản 3", "contribution_of_assets", "outstanding_in_movement")),
    judge("exemplary", "gương mẫu chấp hành chủ trương, chính sách, pháp luật", f"{L} Điều 74 khoản 3"),
)


bk_ttg_other_subjects = standard_not_encoded


BK_TTG_INDIVIDUAL = (
    any_of("bk_ttg_ground", f"{L} Điều 73 khoản 1, 2", "Có một trong các thành tích của Bằng khen Thủ tướng",
           bk_ttg_point_b,
           *_claims(f"{L} Điều 73 khoản 1", "outstanding_in_movement", "ad_hoc_achievement", "regional_prize",
                    "socio_economic_contribution"),
           *_claims(f"{L} Điều 73 khoản 2", "production_achievement", "high_value_initiative", "production_model")),
)

HCLD3_INDIVIDUAL = (
    any_of("hcld3_ground", f"{L} Điều 44 khoản 1, 2", "Có một trong các thành tích của Huân chương Lao động hạng Ba",
           hcld3_point_e,
           *_claims(f"{L} Điều 44 khoản 2", "movement_review_5_years", "invention_applied",
                    "socio_economic_contribution", "ad_hoc_achievement")),
)
HCLD3_CAREER = (career_posts, career_retiring, career_no_discipline)


# --- composition --------------------------------------------------------------------------------------

LDTT_CHECKS = (rating_good, service_time, LDTT_ETHICS)

STANDARDS_VN2022 = {
    "LDTT": {"individual": PRINCIPLES + LDTT_CHECKS},
    "CSTT": {"individual": PRINCIPLES + (armed_forces,) + LDTT_CHECKS},
    "CSTD_CS": {"individual": PRINCIPLES + (meets_ldtt, CSTD_CS_GROUNDS)},
    "CSTD_TINH": {"individual": PRINCIPLES + (consecutive_cstd_cs, CSTD_TINH_INITIATIVE, OUTSTANDING)},
    "CSTD_TQ": {"individual": PRINCIPLES + (consecutive_cstd_tinh, CSTD_TQ_INITIATIVE, OUTSTANDING_TQ)},
    "TTLDTT": {"collective": PRINCIPLES + (collective_rating_good, ldtt_share, no_member_warning, UNITED)},
    "TTLDXS": {"collective": PRINCIPLES + (collective_excellent, all_members_completed, ldtt_share_70, member_cstd_cs,
                                           MOVEMENT, UNITED)},
    "CO_TD_TINH": {"collective": PRINCIPLES + (collective_excellent, CO_TINH_GROUNDS, EXEMPLARY_COLLECTIVE)},
    "CO_TD_CP": {"collective": PRINCIPLES + (collective_excellent, CO_CP_GROUNDS, EXEMPLARY_COLLECTIVE)},
    "GD_VAN_HOA": {"household": PRINCIPLES + (GDVH_LAW, GDVH_MOVEMENT, GDVH_FAMILY)},
    "GK": {"individual": PRINCIPLES + (gk_rating, _gk_alternatives("individual"), EXEMPLARY),
           "collective": PRINCIPLES + (gk_rating, _gk_alternatives("collective"), UNITED),
           "household": PRINCIPLES + (_gk_alternatives("household"),)},
    "BK_TINH": {"individual": PRINCIPLES + BK_TINH_INDIVIDUAL, "collective": PRINCIPLES + BK_TINH_COLLECTIVE,
                "household": PRINCIPLES + BK_TINH_HOUSEHOLD},
    "BK_TTG": {"individual": PRINCIPLES + BK_TTG_INDIVIDUAL,
               "collective": PRINCIPLES + (bk_ttg_other_subjects,),
               "household": PRINCIPLES + (bk_ttg_other_subjects,)},
    "HCLD_3": {"individual": PRINCIPLES + HCLD3_INDIVIDUAL},
}

# A proposal of the career kind (quá trình cống hiến) has its own standard: key "CODE@career".
STANDARDS_VN2022["HCLD_3@career"] = {"individual": (no_open_review, discipline_period) + HCLD3_CAREER}
