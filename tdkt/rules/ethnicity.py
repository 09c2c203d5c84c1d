"""Vietnam's 54 ethnic groups (dân tộc), as the General Statistics Office lists them: code and
official name, in the order of the office's current list (by population, 2019 census), plus the
older and variant spellings clerks write (the 1979 list QĐ 121-TCTK/PPCĐ wrote "HMông", "Khơ-me",
"Gia-rai"…). Kinh is the majority; the other 53 are ethnic minorities (dân tộc thiểu số).

Reference data shared by the rule engine (the priority of Luật 06/2026/QH16) and the person model's
choices (tdkt.org.choices): one list, not two.
"""
from __future__ import annotations

import unicodedata

MAJORITY = "Kinh"

# (code, official name, variant spellings)
ETHNIC_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("01", "Kinh", ("Việt",)),
    ("02", "Tày", ()),
    ("03", "Thái", ()),
    ("04", "Mường", ()),
    ("05", "Khmer", ("Khơ-me", "Khơ Me", "Khơme", "Khmer Krom")),
    ("06", "Hoa", ("Hán",)),
    ("07", "Nùng", ()),
    ("08", "Mông", ("H'Mông", "HMông", "Hmông", "H’Mông", "Mèo")),
    ("09", "Dao", ()),
    ("10", "Gia Rai", ("Gia-rai", "Giarai", "Jrai")),
    ("11", "Ê Đê", ("Ê-đê", "Êđê", "Rhade")),
    ("12", "Ba Na", ("Ba-na", "Bana", "Ba na")),
    ("13", "Sán Chay", ("Sán Chí", "Cao Lan")),
    ("14", "Chăm", ("Chàm",)),
    ("15", "Cơ Ho", ("Cơ-ho", "K'Ho", "Kơ Ho")),
    ("16", "Xơ Đăng", ("Xơ-đăng", "Sê Đăng")),
    ("17", "Sán Dìu", ()),
    ("18", "Hrê", ("H're",)),
    ("19", "Ra Glai", ("Ra-glai", "Raglai", "Ra Glay")),
    ("20", "Mnông", ("M'Nông",)),
    ("21", "Thổ", ()),
    ("22", "Xtiêng", ("X'tiêng", "Stiêng")),
    ("23", "Khơ Mú", ("Khơ-mú", "Khơ mú", "Khmu")),
    ("24", "Bru Vân Kiều", ("Bru-Vân Kiều", "Vân Kiều")),
    ("25", "Cơ Tu", ("Cơ-tu", "Katu")),
    ("26", "Giáy", ()),
    ("27", "Tà Ôi", ("Tà-ôi", "Pa Cô")),
    ("28", "Mạ", ()),
    ("29", "Giẻ Triêng", ("Gié-Triêng", "Giẻ-Triêng", "Gié Triêng")),
    ("30", "Co", ("Cor",)),
    ("31", "Chơ Ro", ("Chơ-ro", "Châu Ro")),
    ("32", "Xinh Mun", ("Xinh-mun",)),
    ("33", "Hà Nhì", ()),
    ("34", "Chu Ru", ("Chu-ru", "Churu")),
    ("35", "Lào", ()),
    ("36", "Kháng", ()),
    ("37", "La Chí", ()),
    ("38", "Phù Lá", ()),
    ("39", "La Hủ", ()),
    ("40", "La Ha", ()),
    ("41", "Pà Thẻn", ()),
    ("42", "Chứt", ()),
    ("43", "Lự", ()),
    ("44", "Lô Lô", ()),
    ("45", "Mảng", ()),
    ("46", "Cờ Lao", ("Co Lao",)),
    ("47", "Bố Y", ()),
    ("48", "Cống", ()),
    ("49", "Ngái", ()),
    ("50", "Si La", ()),
    ("51", "Pu Péo", ()),
    ("52", "Rơ Măm", ("Rơ-măm",)),
    ("53", "Brâu", ()),
    ("54", "Ơ Đu", ("Ơ-đu",)),
)
NAMES: tuple[str, ...] = tuple(name for _, name, _ in ETHNIC_GROUPS)
CODES = {name: code for code, name, _ in ETHNIC_GROUPS}


def fold_name(text: str) -> str:
    """Lower case, no diacritics, đ → d, no hyphens, apostrophes or spaces: "H'Mông" → "hmong"."""
    text = unicodedata.normalize("NFD", (text or "").strip().lower().replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return "".join(ch for ch in text if ch.isalnum())


_BY_FOLDED = {}
for _code, _name, _variants in ETHNIC_GROUPS:
    for _spelling in (_name, *_variants):
        _BY_FOLDED.setdefault(fold_name(_spelling), _name)


def canonical(text: str | None) -> str | None:
    """The official name for a written name ("H'Mông" → "Mông", "khơ-me" → "Khmer"); None when the
    text names none of the 54 groups (or is empty)."""
    if not text:
        return None
    return _BY_FOLDED.get(fold_name(text))


def is_minority(text: str | None) -> bool:
    name = canonical(text)
    return name is not None and name != MAJORITY
