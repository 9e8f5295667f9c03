"""What a document says about *which* event it is: places, dates, forces, names.

These descriptors, not the claims themselves, decide which documents speak of
the same incident. English documents add spaCy's named entities (places the
gazetteer lacks, people); Spanish ones, with no NER model offline, add runs of
capitalised words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..nlp.lexicon import fold
from ..yamlio import load_yaml
from .dates import find_dates
from .gazetteer import load_gazetteer

_CAPS_RUN = re.compile(r"\b([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:\s+(?:de\s+|del\s+|la\s+|los\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)+)")
_PROPER = re.compile(r"(?<=[a-záéíóúñ,;:] )([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+|[A-Z]{2,6})\b")
_STOP_NAMES = {"the", "la", "el", "los", "las", "de", "del", "and", "y"}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Folded capitalised words that name institutions, genres or dates, not events (common_words.yaml)."""
    data = load_yaml(resources.files("dissonance.incidents").joinpath("common_words.yaml").read_text("utf-8"))
    words = set()
    for group, values in data.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"common_words.yaml: {group}: expected a list of words")
        words.update(fold(v.lower()) for v in values)
    return frozenset(words)


@dataclass
class Descriptors:
    places: Counter = field(default_factory=Counter)  # gazetteer names
    other_places: Counter = field(default_factory=Counter)  # NER places the gazetteer lacks (lower-cased)
    names: Counter = field(default_factory=Counter)  # people and other proper names (lower-cased)
    proper: Counter = field(default_factory=Counter)  # capitalised words inside sentences (lower-cased)
    forces: Counter = field(default_factory=Counter)
    dates: list[dt.date] = field(default_factory=list)
    approximate_dates: list[dt.date] = field(default_factory=list)  # "early January": linking only
    years: set[int] = field(default_factory=set)
    anchor: dt.date | None = None  # the date relative expressions were resolved against

    def to_json(self) -> dict:
        return {
            "places": dict(self.places), "other_places": dict(self.other_places), "names": dict(self.names),
            "proper": dict(self.proper), "forces": dict(self.forces), "dates": [d.isoformat() for d in self.dates],
            "approximate_dates": [d.isoformat() for d in self.approximate_dates], "years": sorted(self.years),
        }


def describe(text: str, doc_date: dt.date | None, entities: list[tuple[str, str]] | None = None) -> Descriptors:
    """Descriptors of one document; `entities` are (text, label) pairs from NER, if any."""
    gaz = load_gazetteer()
    d = Descriptors()
    for m in gaz.find_places(text):
        d.places[m.key] += 1
    for m in gaz.find_forces(text):
        d.forces[m.key] += 1
    if doc_date is None:
        # undated document: the latest full date it states is most likely its own
        stated = [f.date for f in find_dates(text, None) if f.precise]
        doc_date = max(stated) if stated else None
    d.anchor = doc_date
    for found in find_dates(text, doc_date):
        if doc_date is None or found.date <= doc_date + dt.timedelta(days=1):
            (d.dates if found.precise else d.approximate_dates).append(found.date)
    d.years = {int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)}
    common = common_words()
    known = {n.lower() for n in gaz.places} | {a.lower() for p in gaz.places.values() for a in p.aliases}
    if entities is not None:
        for ent_text, label in entities:
            key = ent_text.strip().lower()
            if label in ("GPE", "LOC", "FAC") and key not in known and not gaz.find_places(ent_text):
                d.other_places[key] += 1
            elif label == "PERSON" and len(key) > 3:
                d.names[key.split()[-1]] += 1
    else:
        for m in _CAPS_RUN.finditer(text):
            phrase = m.group(1)
            if gaz.find_places(phrase) or gaz.find_forces(phrase):
                continue
            words = [w for w in phrase.lower().split() if w not in _STOP_NAMES and fold(w) not in common]
            if words:
                d.names[words[-1]] += 1
    for m in _PROPER.finditer(text):
        word = m.group(1)
        key = fold(word.lower())
        if key not in common and len(word) > 2:
            d.proper[key] += 1
    return d
