"""Vietnamese text helpers: diacritic-free folding for search, Vietnamese collation for sorting.

Both produce plain ASCII strings that are stored in indexed columns (``search_text``,
``sort_key``) so that SQLite and PostgreSQL search and order the same way, whatever the
database's own collation.
"""
from __future__ import annotations

import re
import unicodedata

# Combining marks that carry the tone (dấu thanh), in dictionary order after the level tone:
# huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}
# Marks that make a separate letter of the alphabet (ă, â, ê, ô, ơ, ư).
_LETTER_MARKS = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}

# The Vietnamese alphabet, with the foreign letters f, j, w, z placed where they fall in Latin
# order. Each letter gets a two-digit rank starting at 10 so that a key never contains "0" inside
# a letter and "0" can separate words.
_ALPHABET = [
    "a", "a(", "a^", "b", "c", "d", "đ", "e", "e^", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "o^", "o+", "p", "q", "r", "s", "t", "u", "u+", "v", "w", "x", "y", "z",
]
_RANK = {letter: 10 + i for i, letter in enumerate(_ALPHABET)}
_DIGIT_RANK = {str(d): 60 + d for d in range(10)}

_SPACES = re.compile(r"\s+")


def normalize_spaces(text: str) -> str:
    """Collapse runs of white space and strip the ends; NFC so that equal names compare equal."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str) -> str:
    """Lower-case, strip every diacritic and map đ to d: ``fold("Nguyễn Văn Đức") == "nguyen van duc"``."""
    text = normalize_spaces(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _syllable_key(word: str) -> tuple[str, str]:
    """(primary, tone) for one word: primary ranks its letters, tone is one digit 1-6."""
    primary: list[str] = []
    tone = 1
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _LETTER_MARKS and primary:
            base = _ALPHABET[int(primary[-1]) - 10] if int(primary[-1]) < 60 else ""
            combined = base + _LETTER_MARKS[ch]
            if combined in _RANK:
                primary[-1] = str(_RANK[combined])
        elif ch == "đ":
            primary.append(str(_RANK["đ"]))
        elif ch in _RANK:
            primary.append(str(_RANK[ch]))
        elif ch in _DIGIT_RANK:
            primary.append(str(_DIGIT_RANK[ch]))
        # Other marks and punctuation do not take part in the order.
    return "".join(primary), str(tone)


def _words_key(words: list[str]) -> str:
    keys = [_syllable_key(w) for w in words if w]
    primary = "0".join(k[0] for k in keys)
    tones = "".join(k[1] for k in keys)
    return f"{primary}0{tones}00"


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name written family-first."""
    words = normalize_spaces(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> str:
    """A key that orders names the Vietnamese way: given name, then middle name, then family name;
    letters in Vietnamese alphabet order (a < ă < â < b …, d < đ), tones as the tie-break
    (ngang < huyền < hỏi < ngã < sắc < nặng)."""
    family, middle, given = split_name(full_name)
    return (_words_key(given.split(" ")) + _words_key(middle.split(" ") if middle else [])
            + _words_key(family.split(" ") if family else []))


def text_sort_key(text: str) -> str:
    """Vietnamese order for any text (unit names, award names), word by word from the left."""
    return _words_key(normalize_spaces(text).split(" "))
