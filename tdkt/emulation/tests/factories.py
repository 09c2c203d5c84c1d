"""Building blocks the emulation tests share: a block of member units each with its clerk, a small
scoring table, uploads with real content."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.core.services import system_actor
from tdkt.emulation import services
from tdkt.emulation.services import scoring
from tdkt.org import services as org_services
from tdkt.testing import make_user

DEPARTMENTS = ["Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
               "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
               "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh"]


@dataclass
class BlockWorld:
    block: object
    units: list
    clerks: list

    @property
    def head(self):
        return self.units[0]

    @property
    def deputy(self):
        return self.units[1]


def member_units(world, n: int, prefix: str = "K"):
    root = system_actor()
    units, clerks = [], []
    for i in range(n):
        unit = org_services.create_unit(root, name=DEPARTMENTS[i % len(DEPARTMENTS)] + ("" if i < 10 else f" {i}"),
                                        code=f"{prefix}{i + 1}", kind="department", parent=world.province)
        units.append(unit)
        clerks.append(make_user(f"vanthu.{prefix.lower()}{i + 1}", Role.CLERK, unit, full_name=f"Văn thư {unit.name}"))
    return units, clerks


def template_spec(**overrides):
    """A 100-point table: group I (60: 1.1 = 40, 1.2 = 20), group II (40: 2.1 = 40, evidence required),
    bonus III.1 (cap 10), deduction III.2 (cap 5); bands; one disqualifying condition."""
    spec = {
        "scale": 100, "block_scorer": "head", "bonus_cap": 10, "deduction_cap": 5,
        "groups": [
            {"code": "I", "name": "Thực hiện nhiệm vụ chính trị, chuyên môn", "max_points": 60, "criteria": [
                {"code": "1.1", "name": "Hoàn thành chỉ tiêu kế hoạch năm", "max_points": 40,
                 "guidance": "Đủ chỉ tiêu: 40 điểm; mỗi chỉ tiêu không đạt trừ 5 điểm"},
                {"code": "1.2", "name": "Thực hiện nhiệm vụ đột xuất", "max_points": 20}]},
            {"code": "II", "name": "Công tác thi đua, khen thưởng", "max_points": 40, "criteria": [
                {"code": "2.1", "name": "Tổ chức phong trào thi đua, sơ kết, tổng kết", "max_points": 40,
                 "required_evidence": "Kế hoạch, báo cáo tổng kết", "evidence_required": True}]},
            {"code": "III", "name": "Điểm thưởng, điểm trừ", "max_points": 0, "criteria": [
                {"code": "3.1", "name": "Được tặng Cờ thi đua của Chính phủ", "kind": "bonus", "max_points": 10},
                {"code": "3.2", "name": "Báo cáo chậm so với thời hạn", "kind": "deduction", "max_points": 5}]},
        ],
        "bands": [{"name": "Xuất sắc", "min_score": 95}, {"name": "Tốt", "min_score": 85},
                  {"name": "Khá", "min_score": 70}],
        "disqualifiers": [{"code": "K1", "text": "Có cán bộ lãnh đạo bị kỷ luật từ cảnh cáo trở lên trong năm"}],
    }
    spec.update(overrides)
    return spec


def make_block(world, n: int = 8, *, year: int | None = None, spec=None, open_scoring=True, **params) -> BlockWorld:
    units, clerks = member_units(world, n)
    block = services.create_block(world.officer, name="Khối các sở quản lý nhà nước", year=year or clock.today().year,
                                   units=units, head=units[0], deputy=units[1],
                                   supervising_leader="Phó Chủ tịch UBND tỉnh Nguyễn Văn An", **params)
    scoring.set_template(world.officer, block, **(spec or template_spec()))
    if open_scoring:
        today = clock.today()
        scoring.open_scoring(world.officer, block, self_score_deadline=today + dt.timedelta(days=10),
                             block_score_deadline=today + dt.timedelta(days=20))
    block.refresh_from_db()
    return BlockWorld(block, units, clerks)


def criteria(block) -> dict:
    """{code: criterion} of the block's table."""
    return {c.code: c for c in block.template.criteria.all()}
