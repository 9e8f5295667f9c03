"""Load the YAML lexicons under `nlp/lexicons/` and match them on folded text.

Lexicons are data so that an analyst can extend them without touching code.
Matching runs on accent-folded, lower-cased text: "región occipital" and
"REGION OCCIPITAL" meet the same pattern. Folding keeps string length, so
match offsets index the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any


from ..yamlio import load_yaml


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch
    return base.lower() if len(base.lower()) == 1 else ch


class _FoldTable(dict):
    """`str.translate` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip accents, one output character per input character.

    >>> fold("Región OCCIPITAL, Ñuñoa")
    'region occipital, nunoa'
    """
    if text.isascii():
        return text.lower()  # the same as the table for ASCII, much faster
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed lexicon `name` (file `lexicons/<name>.yaml`)."""
    text = resources.files("dissonance.nlp").joinpath(f"lexicons/{name}.yaml").read_text("utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {name}.yaml: expected a mapping at the top level")
    return data


def compile_patterns(patterns: list[str], where: str) -> re.Pattern[str]:
    """One alternation of a list of regular expressions; errors name the lexicon entry."""
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"lexicon {where}: bad pattern {p!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=None)
def pattern_table(name: str, section: str) -> dict[str, re.Pattern[str]]:
    """`{label: compiled alternation}` for a section such as attributes/body_regions."""
    table = load(name)[section]
    return {label: compile_patterns(pats, f"{name}.yaml:{section}.{label}") for label, pats in table.items()}
