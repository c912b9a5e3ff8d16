"""What a reader can see: the rule for names, and text from outside made safe to print.

A comment or name set in the console can carry escape sequences, carriage returns or bidirectional
overrides that would make a terminal, or a pull-request page, show something other than what the
plan does. Every such string is printed escaped: a character that does not print as itself becomes
its Python escape (`\\x1b`, `\\u202e`), so a reviewer sees exactly what is there. Line breaks in
multi-line messages are kept; spaces of any width print as themselves.
"""

from __future__ import annotations

import unicodedata

# Names must show every character they hold: controls (NUL, tab, ESC...), format characters
# (bidirectional overrides and isolates, zero-width spaces and joiners, byte-order marks), surrogates,
# private-use and unassigned code points, line and paragraph separators, and the few letters that
# draw nothing (Hangul fillers, the combining grapheme joiner) are refused. Names are NFC.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
UNSEEN_RULE = "names refuse control, bidirectional, zero-width and other invisible characters"
_UNNAMED = {"Cs": "a lone surrogate", "Co": "a private-use character", "Cn": "an unassigned code point"}
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f")


def unseen_character(name: str) -> str | None:
    """The first character of `name` that a reader could not see, described, or None."""
    for char in name:
        if unicodedata.category(char) in _UNSEEN_CATEGORIES or char in INVISIBLE_LETTERS:
            category = unicodedata.category(char)
            label = unicodedata.name(char, "") or _UNNAMED.get(category, "a control character")
            return f"U+{ord(char):04X} ({label})"
    return None


LONGEST_SHOWN_NAME = 256  # the longest text VOD takes (a comment); a name past it is shown by its start


def shown_name(name: str) -> str:
    """`name` quoted for a problem about it: whole up to LONGEST_SHOWN_NAME characters, past that
    its first 64 and `...` (a name of 10 MB was a 10 MB line in each problem naming it)."""
    return repr(name) if len(name) <= LONGEST_SHOWN_NAME else repr(name[:64]) + "..."


_SHOWN_CATEGORIES = ("L", "M", "N", "P", "S", "Zs")  # letters, marks, numbers, punctuation, symbols


def printable(text: str) -> str:
    """`text` with every character that would not print as itself escaped; newlines kept."""
    if text.isprintable() and INVISIBLE_LETTERS.isdisjoint(text):
        return text
    return "".join(char if char == "\n" or _shown(char) else _escape(char) for char in text)


def _shown(char: str) -> bool:
    return unicodedata.category(char).startswith(_SHOWN_CATEGORIES) and char not in INVISIBLE_LETTERS


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return {"\t": "\\t", "\r": "\\r"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
