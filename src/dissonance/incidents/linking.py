"""Cluster documents into incidents and describe each incident.

Two documents speak of the same incident when they share specific places
(a neighbourhood counts more than a country), rare proper names, forces and
years, and their dates are compatible. Each document becomes a weighted,
IDF-scaled bag of such descriptors; cosine similarity, damped when dates
are far apart, feeds average-linkage clustering. One operation in five
documents with different wording comes together through its places and
names; two operations in the same city weeks apart stay apart on dates. A
document that shares nothing with any other (an anonymised autopsy extract,
a later report in another language) joins the incident its event dates, and
for a document with findings its publication date, clearly point to.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..nlp.lexicon import fold
from .descriptors import Descriptors, languages
from .gazetteer import LEVEL_WEIGHT, load_gazetteer
from .world_places import WorldPlace, find_town, is_capital

THRESHOLD = 0.10  # similarity to join (average linkage); chosen on the training split
DATE_GAP_DAYS = 21  # dates further apart than this damp the similarity
DATE_DAMPING = 0.05  # both documents date the events, weeks apart: almost surely different operations
NAMED_DATE_DAMPING = 0.5  # ...unless they share a name: a later statement on the same killing (point 87)
YEAR_DAMPING = 0.5  # the years they mention do not overlap
PROPER_WEIGHT = 1.0
OTHER_PLACE_WEIGHT = LEVEL_WEIGHT["city"]  # a place the gazetteer lacks, named after a place word (eval/README.md, point 63)
PUBLISHED_WEIGHT = 1.5
MAX_DENSE = 4000  # above this many documents, link within countries only
ORPHAN_DAYS = 14  # a lone document with findings is supported by an incident published this close (7, 14, 30 on train)
EVENT_SUPPORT = 1.0  # a lone document is supported by an incident's documents that state its event date (EVENT_DAYS)
EVENT_DAYS = 1
ORPHAN_MARGIN = 2.0  # and joins the incident with twice the support of any other
ORPHAN_LIKENESS = 2 * THRESHOLD  # a lone document this like one document of an incident (and twice as like it
# as any document of another) joins it (eval/README.md, point 63)


@dataclass
class LinkUnit:
    doc_id: str
    descriptors: Descriptors
    date: dt.date | None = None
    has_findings: bool = False  # forensic findings found in it: an anonymised autopsy may join by date alone


@dataclass
class IncidentSummary:
    id: str
    doc_ids: list[str]
    place: str | None = None
    start: str | None = None
    end: str | None = None
    forces: list[str] = field(default_factory=list)
    deaths: int | None = None
    death_spans: list[str] = field(default_factory=list)
    linked_by: str = "tool"  # or "analyst": the documents were listed together in a linking file (given.py)

    def to_format(self) -> dict:
        out = {"id": self.id}
        for key in ("place", "start", "end"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.forces:
            out["forces"] = self.forces
        if self.deaths is not None:
            out["deaths"] = self.deaths
        return out


def _features(d: Descriptors, published: dt.date | None = None) -> dict[str, float]:
    gaz = load_gazetteer()
    feats: dict[str, float] = {}
    if published is not None:
        # documents published the same weeks tend to be about the same events
        for shift in (0, 7):
            year, week, _ = (published - dt.timedelta(days=shift)).isocalendar()
            feats[f"W:{year}-{week}"] = PUBLISHED_WEIGHT
    for name, n in d.places.items():
        level = gaz.places[name].level
        feats[f"P:{name}"] = LEVEL_WEIGHT[level] * (1 + math.log(n))
    for name, n in d.other_places.items():
        feats[f"O:{fold(name.lower())}"] = OTHER_PLACE_WEIGHT * (1 + math.log(n))
    for name, n in d.names.items():
        feats[f"N:{name}"] = 1.5 * (1 + math.log(n))
    for name, n in d.proper.items():
        feats[f"C:{name}"] = PROPER_WEIGHT * (1 + math.log(n))
    for name, n in d.forces.items():
        feats[f"F:{name}"] = 0.4 * (1 + math.log(n))
    for year in d.years:
        feats[f"Y:{year}"] = 0.5
    return feats


def _collection_places(feats: list[dict[str, float]]) -> list[dict[str, float]]:
    """A word one document names as a place ("in Thoothukudi") is that place wherever the collection writes
    it as a proper noun ("the Thoothukudi firing", "masacre de Thoothukudi"), for a place the gazetteer lacks."""
    named = {k[2:] for f in feats for k in f if k.startswith("O:") and " " not in k}
    if not named:
        return feats
    out = []
    for f in feats:
        f = dict(f)
        for key in [k for k in f if k.startswith("C:") and k[2:] in named and f"O:{k[2:]}" not in f]:
            f[f"O:{key[2:]}"] = OTHER_PLACE_WEIGHT * f[key] / PROPER_WEIGHT
        out.append(f)
    return out


def similarity_matrix(units: list[LinkUnit]) -> np.ndarray:
    feats = _collection_places([_features(u.descriptors, u.date) for u in units])
    df = Counter(k for f in feats for k in f)
    n = len(units)
    vocab = {k: i for i, k in enumerate(df)}
    X = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, f in enumerate(feats):
        for k, w in f.items():
            X[row, vocab[k]] = w * (math.log((1 + n) / (1 + df[k])) + 1)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    X = X / np.where(norms == 0, 1, norms)
    S = X @ X.T
    # the publication week only strengthens a link that something about the events (a place, a
    # name, a force, a year) already makes: alone it would tie unrelated news of the same week
    week = np.array([k.startswith("W:") for k in vocab], dtype=bool)
    if week.any():
        about = np.array([not k.startswith(("W:", "Y:")) for k in vocab], dtype=bool)
        Y = X[:, about]
        S = np.where(Y @ Y.T > 0, S, 0.0)
    for i in range(n):
        for j in range(i + 1, n):
            damping = _date_damping(units[i].descriptors, units[j].descriptors)
            if damping < 1:
                S[i, j] = S[j, i] = S[i, j] * damping
    np.fill_diagonal(S, 1.0)
    return S


def _date_damping(a: Descriptors, b: Descriptors) -> float:
    da, db = a.dates + a.approximate_dates, b.dates + b.approximate_dates
    if da and db:
        gap = min(abs((x - y).days) for x in da for y in db)
        if gap > DATE_GAP_DAYS:
            return NAMED_DATE_DAMPING if set(a.names) & set(b.names) else DATE_DAMPING
    if a.years and b.years and not (a.years & b.years):
        return YEAR_DAMPING
    return 1.0


def cluster(units: list[LinkUnit], threshold: float = THRESHOLD) -> list[int]:
    """A cluster number per unit (average linkage on 1 - similarity)."""
    if not units:
        return []
    if len(units) == 1:
        return [0]
    if len(units) > MAX_DENSE:
        return _cluster_by_country(units, threshold)
    from sklearn.cluster import AgglomerativeClustering

    S = similarity_matrix(units)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
    )
    labels = _adopt_orphans(units, [int(x) for x in model.fit_predict(1 - S)], S)
    return _adopt_by_likeness(S, labels)


def _adopt_orphans(units: list[LinkUnit], labels: list[int], S: np.ndarray | None = None) -> list[int]:
    """A document left alone joins the incident that its dates clearly point to.

    Autopsy extracts and lab reports are often anonymised: no place, no name,
    only case numbers and wounds; a rights group's report months later may
    name the place in another language; a witness may name only the street.
    Nothing about the events ties them to the news, so they would stay
    incidents of their own and their spans would meet no other. Each other
    incident gathers support from its documents that state the same event
    date (within EVENT_DAYS) and, for a document with findings, from its
    documents published within ORPHAN_DAYS of this one (the nearer counting
    more). The document joins the best-supported incident when it has
    ORPHAN_MARGIN times the support of the next, and stays alone rather than
    guess when two incidents are as likely. Publication dates alone never
    bring in a document without findings (an essay, a post, a look-alike of
    the same week): it has no physical evidence to bring, only claims that
    could be flagged against an incident it is not about. And the dates give
    way to the words: when the document is like another incident's documents
    (a similarity of THRESHOLD or more to one of them, ORPHAN_MARGIN times its
    likeness to the dated incident), it joins that one instead (a Peruvian
    congress debate on a 1991 massacre, published the day a Mexican massacre
    was reported).
    """
    sizes = Counter(labels)
    members = [j for j, u in enumerate(units) if sizes[labels[j]] >= 2]  # another lone document is no incident yet
    published = sorted((units[j].date.toordinal(), labels[j]) for j in members if units[j].date is not None)
    days = [day for day, _ in published]
    stating: dict[int, set[int]] = {}  # event day -> documents of incidents that state it
    for j in members:
        for d in units[j].descriptors.dates:
            stating.setdefault(d.toordinal(), set()).add(j)
    countries = [_countries(u) for u in units]
    incident_countries: dict[int, set[str]] = {}
    for j in members:
        incident_countries.setdefault(labels[j], set()).update(countries[j])
    out = list(labels)
    for i, unit in enumerate(units):
        if sizes[labels[i]] != 1:
            continue
        support: Counter = Counter()
        if unit.has_findings and unit.date is not None:
            day = unit.date.toordinal()
            for other_day, label in published[bisect_left(days, day - ORPHAN_DAYS):bisect_right(days, day + ORPHAN_DAYS)]:
                support[label] += (ORPHAN_DAYS + 1 - abs(day - other_day)) / (ORPHAN_DAYS + 1)
        if EVENT_SUPPORT:
            same_date = set()
            for d in set(unit.descriptors.dates):
                for near in range(d.toordinal() - EVENT_DAYS, d.toordinal() + EVENT_DAYS + 1):
                    same_date |= stating.get(near, set())
            for j in same_date:
                support[labels[j]] += EVENT_SUPPORT
        ranked = support.most_common(2) + [(None, 0.0)]
        if ranked[0][0] is not None and ranked[0][1] >= ORPHAN_MARGIN * ranked[1][1]:
            chosen = _likelier(S, labels, members, i, ranked[0][0]) if S is not None else ranked[0][0]
            # dates do not bring a document into an incident in another country: a whale's necropsy in
            # Chile published the week a rights group marked an Indian massacre's anniversary
            if not (countries[i] and incident_countries.get(chosen) and not countries[i] & incident_countries[chosen]):
                out[i] = chosen
    return out


def _countries(unit: LinkUnit) -> set[str]:
    """The countries of the gazetteer places a document names."""
    gaz = load_gazetteer()
    return {c for c in (gaz.country_of(p) for p in unit.descriptors.places) if c}


def _likelier(S: np.ndarray, labels: list[int], members: list[int], i: int, dated: int) -> int:
    """The incident whose documents document `i` is clearly more like than the `dated` one's, else `dated`."""
    best: dict[int, float] = {}
    for j in members:
        best[labels[j]] = max(best.get(labels[j], 0.0), float(S[i, j]))
    label, likeness = max(best.items(), key=lambda kv: kv[1], default=(dated, 0.0))
    if label != dated and likeness >= THRESHOLD and likeness >= ORPHAN_MARGIN * best.get(dated, 0.0):
        return label
    return dated


def _adopt_by_likeness(S: np.ndarray, labels: list[int]) -> list[int]:
    """A document still alone joins the incident of the document it is most like, if that likeness is clear.

    Average linkage weighs a document against every document of an incident: a trial report that
    names the victim and the officer, years later, is like the first news story but not like the
    anonymised autopsy or the one-line post of the same incident, and so stays apart. Its best match
    says more. It joins when that match reaches ORPHAN_LIKENESS and is ORPHAN_MARGIN times its best
    match in any other incident; otherwise it stays alone rather than guess.
    """
    sizes = Counter(labels)
    alone = [i for i, label in enumerate(labels) if sizes[label] == 1]
    grouped = np.array([sizes[label] >= 2 for label in labels])
    if not alone or not grouped.any():
        return labels
    label_of = np.array(labels)
    columns = np.flatnonzero(grouped)
    columns = columns[np.argsort(label_of[columns], kind="stable")]
    incidents, starts = np.unique(label_of[columns], return_index=True)
    best = np.maximum.reduceat(S[np.ix_(alone, columns)], starts, axis=1)  # alone documents x incidents
    out = list(labels)
    for i, row in zip(alone, best):
        first, second = (np.sort(row)[::-1].tolist() + [0.0])[:2]
        if first >= ORPHAN_LIKENESS and first >= ORPHAN_MARGIN * second:
            out[i] = int(incidents[int(row.argmax())])
    return out


def _cluster_by_country(units: list[LinkUnit], threshold: float) -> list[int]:
    gaz = load_gazetteer()
    blocks: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        countries = Counter(gaz.country_of(p) for p in u.descriptors.places.elements())
        countries.pop(None, None)
        key = countries.most_common(1)[0][0] if countries else "?"
        blocks.setdefault(key, []).append(i)
    labels = [0] * len(units)
    offset = 0
    for members in blocks.values():
        sub = cluster([units[i] for i in members], threshold) if len(members) <= MAX_DENSE else list(range(len(members)))
        for i, label in zip(members, sub):
            labels[i] = offset + label
        offset += max(sub) + 1
    return labels


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40] or "incident"


def _toll(asserted: list[tuple]) -> int:
    """The incident's death toll from its counts, (value, span id, vote[, lower bound]).

    The value with most votes wins, ties going to the larger. A lower bound ("at least 14") does not
    vote against a larger count someone states outright ("23 were killed"): it is consistent with it.
    It votes only where no stated count reaches it (eval/README.md, point 84). Nor does one victim's
    death ("Snowlin, the youngest victim, was killed", "He died shortly afterwards") vote against a larger
    toll any claim states (points 121 and 132: tolls on gold spans are the same as when two had to).
    """
    stated = [int(c[0]) for c in asserted if not (len(c) > 3 and c[3])]
    tally: Counter = Counter()
    for c in asserted:
        value, vote, lower_bound = int(c[0]), c[2], len(c) > 3 and c[3]
        if lower_bound and any(v >= value for v in stated):
            continue
        if value == 1 and any(v > 1 for v in stated):
            continue  # one victim's death is part of a larger toll
        tally[value] += vote
    return max(tally, key=lambda v: (tally[v], v))


def summarise(units: list[LinkUnit], labels: list[int],
              counts: dict[str, list[tuple[float, str, float]]] | None = None,
              names: dict[int, str] | None = None) -> list[IncidentSummary]:
    """One summary per cluster; `counts[doc_id]` lists (deaths asserted, span id, vote[, lower bound]) from its claims.

    `names` gives the id of clusters an analyst named (an analyst's linking file); the others get an id
    from their place and month that none of those names takes.
    """
    gaz = load_gazetteer()
    counts = counts or {}
    names = names or {}
    groups: dict[int, list[LinkUnit]] = {}
    for u, label in zip(units, labels):
        groups.setdefault(label, []).append(u)
    summaries, used = [], set(names.values())
    for label, members in sorted(groups.items(), key=lambda item: item[1][0].doc_id):
        places = Counter()
        for u in members:
            for name, n in u.descriptors.places.items():
                places[name] += n * LEVEL_WEIGHT[gaz.places[name].level]
        place_name = places.most_common(1)[0][0] if places else None
        other = Counter()
        for u in members:
            other.update({p: n for p, n in u.descriptors.other_places.items() if fold(p.split()[0].lower()) not in languages()})
        place = gaz.describe(place_name) if place_name else (other.most_common(1)[0][0].title() if other else None)
        # a country alone is often named for other reasons (a foreign company, the courts of another state):
        # a town in any country may then name the incident
        specific = place_name is not None and gaz.places[place_name].level != "country"
        town = _named_town(members, gaz.country_of(place_name) if specific else None)
        if town is not None and (place_name is None or gaz.places[place_name].level in ("region", "country")
                                 or is_capital(gaz.places[place_name].name, gaz.country_of(place_name))
                                 or town[1] > sum(place_name in u.descriptors.places for u in members)):
            place = f"{town[0].name}, {town[0].country}"
            place_name = town[0].name  # the id follows the town
        start, end = _date_range(members)
        forces = Counter(f for u in members for f in u.descriptors.forces)
        specific = [f for f, _ in forces.most_common() if f not in ("police", "army")]
        force_list = (specific or [f for f, _ in forces.most_common()])[:4]
        asserted = [c for u in members for c in counts.get(u.doc_id, [])]
        deaths, death_spans = None, []
        if asserted:
            deaths = _toll(asserted)
            death_spans = [c[1] for c in asserted if int(c[0]) == deaths]
        if label in names:
            ident = names[label]
        else:
            base = _slug(place_name or place or "incident") + (f"-{start[:7]}" if start else "")
            ident, k = base, 2
            while ident in used:
                ident, k = f"{base}-{k}", k + 1
            used.add(ident)
        summaries.append(IncidentSummary(ident, [u.doc_id for u in members], place, start, end, force_list, deaths,
                                         death_spans, "analyst" if label in names else "tool"))
    return summaries


def _named_town(members: list[LinkUnit], country: str | None) -> tuple[WorldPlace, int] | None:
    """The town of the world (world_places.py) the incident's documents name most, with how many name it.

    A candidate is a town that at least two documents name after a word that introduces a town ("in
    Nanterre", "en el municipio de Fraijanes"), in `country` when the gazetteer's places give one: a town
    one document names that way ("he had moved to Houston") names no incident. Candidates rank by how many
    documents name them at all, after a place word or not ("Varginha police", "the Toulouse siege"), then
    by those place-word documents, mentions and size.
    """
    docs: dict[WorldPlace, set[str]] = {}
    mentions: Counter = Counter()
    for u in members:
        for phrase, n in u.descriptors.town_phrases.items():
            town = find_town(phrase, country)
            if town is not None:
                docs.setdefault(town, set()).add(u.doc_id)
                mentions[town] += n
    candidates = [t for t in docs if len(docs[t]) >= min(2, len(members))]
    if not candidates:
        return None

    def naming(town: WorldPlace) -> set[str]:
        word = fold(town.name.split()[-1].lower())
        return docs[town] | {u.doc_id for u in members if word in u.descriptors.proper or word in u.descriptors.names}

    named = {t: naming(t) for t in candidates}
    best = max(candidates, key=lambda t: (len(named[t]), len(docs[t]), mentions[t], t.population))
    return best, len(named[best])


def _date_range(members: list[LinkUnit]) -> tuple[str | None, str | None]:
    mentions = Counter()
    for u in members:
        for d in set(u.descriptors.dates):
            mentions[d] += 1
    if not mentions:  # only "early January"-style dates: use them
        for u in members:
            for d in set(u.descriptors.approximate_dates):
                mentions[d] += 1
    if not mentions:
        return None, None
    need = 2 if len(members) > 1 and max(mentions.values()) >= 2 else 1
    common = sorted(d for d, n in mentions.items() if n >= need)
    start = common[0]
    end = max(d for d in common if (d - start).days <= DATE_GAP_DAYS)
    return start.isoformat(), end.isoformat()
