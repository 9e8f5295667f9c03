"""What a document says about *which* event it is: places, dates, forces, names.

These descriptors, not the claims themselves, decide which documents speak of
the same incident. Both languages are read the same way: gazetteer places and
forces, dates, years, runs of capitalised words (names) and capitalised words
inside sentences. English documents once added spaCy's named entities; the
capitalised words alone linked as well on gold spans and better across
languages, and NER took a sixth of the analysis time (eval/README.md, point 37).
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
# A capitalised phrase after a place word ("in Kianjokoma", "the village of Apo", "en la localidad de
# Marina Kue", "barrio Siloé"): a place the gazetteer may lack. It names an incident when the gazetteer
# names no place, and links documents like a city: on the training split it did not help (point 31), but
# on incidents whose places the gazetteer does not know it is what ties the documents together (point 63).
_CAPS_PHRASE = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)*"
_PLACE_CUE = re.compile(
    r"\b(?:in|near|outside|en|cerca\s+de|"
    r"(?:town|village|city|district|province|region|municipality|neighbou?rhood|community|estate|settlement|"
    r"township|county|barangay)\s+of|"
    r"(?:localidad|ciudad|municipio|distrito|departamento|provincia|regi[oó]n|comuna|barrio|colonia|"
    r"asentamiento|comunidad|vereda|parroquia|caser[ií]o|finca|hacienda|estancia|aldea|poblado|"
    r"corregimiento|favela)(?:\s+de)?)\s+(" + _CAPS_PHRASE + ")"
)


_TOWN_CUE = re.compile(r"(?:in|near|outside|en|cerca\s+de|(?:town|city|municipality|district|province|county)\s+of|"
                       r"(?:localidad|ciudad|municipio|distrito|provincia|departamento)(?:\s+de)?)\s", re.I)


@lru_cache(maxsize=1)
def _word_groups() -> dict[str, frozenset[str]]:
    """common_words.yaml, validated, as folded words per group."""
    data = load_yaml(resources.files("dissonance.incidents").joinpath("common_words.yaml").read_text("utf-8"))
    groups = {}
    for group, values in data.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"common_words.yaml: {group}: expected a list of words")
        groups[group] = frozenset(fold(v.lower()) for v in values)
    return groups


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Folded capitalised words that name institutions, genres or dates, not events (common_words.yaml)."""
    # languages stay out: "Tamil Nadu", "French police": a language's name still says where
    return frozenset().union(*(words for group, words in _word_groups().items() if group != "languages"))


def languages() -> frozenset[str]:
    """Folded names of languages: "recorded in Shona" names no place to call an incident after, though the
    word still links documents ("in Tamil", "Tamil Nadu"; common_words.yaml, `languages`)."""
    return _word_groups().get("languages", frozenset())


@dataclass
class Descriptors:
    places: Counter = field(default_factory=Counter)  # gazetteer names
    other_places: Counter = field(default_factory=Counter)  # places the gazetteer lacks, after a place word
    # those of them after a word that introduces a town ("in", "en", "city of", "municipio de"), not a part of
    # one ("barrio", "finca", "village of"): the candidates for a town of the world (world_places.py)
    town_phrases: Counter = field(default_factory=Counter)
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


def _all_capitals(text: str) -> bool:
    """Written in capitals throughout (a telex, a wire header, a shouted post): over 80% of letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def describe(text: str, doc_date: dt.date | None) -> Descriptors:
    """Descriptors of one document, the same way in every language."""
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
    d.years = {int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)}
    for found in find_dates(text, doc_date, frozenset(d.years)):
        if doc_date is None or found.date <= doc_date + dt.timedelta(days=1):
            (d.dates if found.precise else d.approximate_dates).append(found.date)
    common = common_words()
    # capitals tell names from words only where most words are written in lower case
    capitals = _all_capitals(text)
    for m in () if capitals else _CAPS_RUN.finditer(text):
        phrase = m.group(1)
        if gaz.find_places(phrase) or gaz.find_forces(phrase):
            continue
        words = [w for w in phrase.lower().split() if w not in _STOP_NAMES and fold(w) not in common]
        if words:
            d.names[words[-1]] += 1
    for m in () if capitals else _PROPER.finditer(text):
        word = m.group(1)
        key = fold(word.lower())
        if key not in common and len(word) > 2:
            d.proper[key] += 1
    for m in _PLACE_CUE.finditer(text):
        phrase = m.group(1)
        if fold(phrase.split()[0].lower()) in common or gaz.find_places(phrase) or gaz.find_forces(phrase):
            continue
        d.other_places[phrase] += 1
        if _TOWN_CUE.match(m.group(0)):
            d.town_phrases[phrase] += 1
    return d
