"""The gazetteer of places and security forces, validated at load time.

Incident linking needs to know that "La Vega parish" and "la parroquia La
Vega" are one place inside Caracas, Venezuela, and that "FAES" and "Fuerzas
de Acciones Especiales" are one force. Entries are data (`gazetteer.yaml`);
this module checks them and matches them on accent-folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..nlp.lexicon import fold
from ..yamlio import load_yaml

LEVEL_WEIGHT = {"neighbourhood": 3.0, "city": 2.0, "region": 1.0, "country": 0.3}


class PlaceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    level: Literal["neighbourhood", "city", "region", "country"]
    country: str | None = None
    parent: str | None = None
    aliases: list[str] = []


class ForceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = []
    # aliases that also begin names ("Marina Silva", "Marina Kue"): not the force when a
    # capitalised word follows them
    name_like: list[str] = []


_NEXT_CAPITALISED = re.compile(r" [A-ZÁÉÍÓÚÑ][a-záéíóúñü]")


def _starts_a_name(text: str, end: int) -> bool:
    """A capitalised word follows: "Marina Kue" (an estate in Paraguay), not the navy."""
    return bool(_NEXT_CAPITALISED.match(text, end))


def _capitals_agree(spelling: str, found: str) -> bool:
    """Each word capitalised in the gazetteer's spelling, bar a leading one, is capitalised in the text.

    Place names collide with common words and phrases ("la libertad", "el río", "la paz"); documents
    capitalise the places they name, so a lower-case "caracas" in a post is the price of that.
    """
    written, seen = spelling.split(), found.split()
    if found.isupper() or len(written) != len(seen):
        return True
    # a leading descriptive word may be written in lower case ("finca San Blas", "la parroquia La Vega")
    pairs = list(zip(written, seen))[1:] if len(written) > 1 else zip(written, seen)
    return all(not w[:1].isupper() or t[:1].isupper() for w, t in pairs)


_NEXT_WORD = re.compile(r"[ \t]+(?:(?:de|del|la|las|los|do|da|dos|das)\s+)?([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)")


# words that follow a place's name without starting another one ("Caloocan City", "Louisville Metro Police")
_PLACE_TAILS = frozenset("""city metro metropolitan province provincial state county district department municipal
municipality region regional police court courts law high prison jail airport bay port valley hills heights
station underground tube subway terminal bus hotel mall plaza hall house centre center camp barracks base
cemetery morgue mortuary stadium university college school hospital clinic church mosque temple market
bridge road street avenue highway park river lake radio tv times post news herald daily club fc
norte sur este oeste north south east west central""".split())


def _part_of_a_longer_name(text: str, end: int) -> bool:
    """A one-word place name followed by a capitalised name-like word is the start of another place's
    name or a person's: "Santiago Atitlán", "Chaiyaphum Pasae", not Santiago or Chaiyaphum. A common
    word or a place's usual tail ("Caracas Police", "Caloocan City", "Louisville Metro") does not make
    it so."""
    from .descriptors import common_words

    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    word = fold(m.group(1).lower())
    return word not in _PLACE_TAILS and word not in common_words()


@dataclass(frozen=True)
class Match:
    key: str
    start: int
    end: int


class Gazetteer:
    def __init__(self, places: list[PlaceEntry], forces: list[ForceEntry]):
        self.places = {p.name: p for p in places}
        self.forces = {f.name: f for f in forces}
        self._place_re, self._place_names = self._compile({p.name: [p.name, *p.aliases] for p in places})
        self._place_spellings = {fold(v): v for p in places for v in (p.name, *p.aliases)}
        self._force_re, self._force_names = self._compile({f.name: [f.name, *f.aliases] for f in forces}, case=True)
        self._name_like = {fold(a) for f in forces for a in f.name_like}

    @staticmethod
    def _compile(table: dict[str, list[str]], case: bool = False):
        names: dict[str, str] = {}
        for key, variants in table.items():
            for v in variants:
                names[v if case and v.isupper() else fold(v)] = key
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), names

    def find_places(self, text: str) -> list[Match]:
        """Places named in `text`, accents aside; each word the gazetteer capitalises must be capitalised in
        the text: "recuperó la libertad" is not La Libertad, "el río" is not Rio de Janeiro."""
        folded = fold(text)
        out = []
        for m in self._place_re.finditer(folded):
            single = " " not in m.group(0)  # "La Boca Radio" is still La Boca
            if (_capitals_agree(self._place_spellings[m.group(0)], text[m.start():m.end()])
                    and not (single and _part_of_a_longer_name(text, m.end()))):
                out.append(Match(self._place_names[m.group(0)], m.start(), m.end()))
        return out

    def find_forces(self, text: str) -> list[Match]:
        out = []
        folded = fold(text)
        # acronyms must match in capitals in the original text; words match folded
        for m in self._force_re.finditer(folded):
            key = self._force_names.get(m.group(0))
            if key and not (m.group(0) in self._name_like and _starts_a_name(text, m.end())):
                out.append(Match(key, m.start(), m.end()))
        for m in re.finditer(r"\b[A-Z]{2,6}\b", text):
            key = self._force_names.get(m.group(0))
            if key:
                out.append(Match(key, m.start(), m.end()))
        return out

    def country_of(self, name: str) -> str | None:
        entry = self.places.get(name)
        if entry is None:
            return None
        return entry.name if entry.level == "country" else entry.country

    def describe(self, name: str) -> str:
        """"La Vega, Caracas, Venezuela": the place with its parents."""
        parts, seen = [], set()
        entry = self.places.get(name)
        while entry is not None and entry.name not in seen:
            seen.add(entry.name)
            parts.append(entry.name)
            entry = self.places.get(entry.parent) if entry.parent else None
        country = self.country_of(name)
        if country and country not in parts:
            parts.append(country)
        return ", ".join(parts)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    text = resources.files("dissonance.incidents").joinpath("gazetteer.yaml").read_text("utf-8")
    data = load_yaml(text)
    try:
        places = [PlaceEntry.model_validate(p) for p in data["places"]]
        forces = [ForceEntry.model_validate(f) for f in data["forces"]]
    except ValidationError as exc:
        raise ValueError(f"gazetteer.yaml: {exc}") from exc
    names = {p.name for p in places}
    for p in places:
        for ref in (p.country, p.parent):
            if ref and ref not in names:
                raise ValueError(f"gazetteer.yaml: place {p.name!r} refers to unknown place {ref!r}")
    return Gazetteer(places, forces)
