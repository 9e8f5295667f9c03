"""Numbers in casualty claims, in words and digits, with their hedges.

"at least 14", "twenty-three", "veintitrés", "nearly two dozen", "8": the
number a `casualty_count` or `officer_casualty` claim asserts, and whether it
is a lower bound ("at least") or an approximation ("about"), which decides
whether two counts can contradict each other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import compile_patterns, fold, load

_MONTHS = r"(january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)")
_DATE_CONTEXT = re.compile(rf"{_MONTHS}\.?\s*$|\b(on|el|del)\s+$|^\s*(st|nd|rd|th)?\s*(of\s+|de\s+)?{_MONTHS}\b|^\s*(%|per ?cent|por ciento|years?|anos|hours?|horas|minutes?|minutos|am|pm|h\b|mm|cm|km|m\b|metres|meters|metros|calibre|caliber|mm)", re.I)
# ages are not counts: "a 22-year-old", "aged 29", "de 13 y 14 años"
_AGE_AFTER = re.compile(r"^(-|\s)?years?[- ]old|^\s*(y|and|or|o)\s+\d+\s+(anos|years)", re.I)
_AGE_BEFORE = re.compile(r"\b(aged|age|edad de)\s*$", re.I)
_ARTICLES = ("a", "an", "un", "una")
_SPANISH_ONCE = re.compile(r"(^|\b(menos|los|las|unos|unas|de|sus|a|y|con|otros|otras)\s+)$")
# "murieron once personas": eleven before a word for people, whatever comes before
_SPANISH_ONCE_PEOPLE = re.compile(r"\s+(personas|muertos|fallecidos|victimas|hombres|mujeres|ninos|ninas|jovenes|"
                                  r"campesinos|civiles|detenidos|heridos|policias|soldados|militares|agentes|miembros|"
                                  r"integrantes|menores|comuneros|indigenas)\b")
# two people named as a pair: "una pareja de esposos", "the couple", "husband and wife" ("su pareja", a partner, is one)
_PAIR = re.compile(r"\b(the (married )?couple(?! of\b)|a (married )?couple(?! of\b)|husband and wife|(una |la )?pareja de esposos|"
                   r"el matrimonio|los esposos|ambos esposos|marido y mujer)\b")
# "la Zona Militar número 21", "No. 114": a number that names, not one that counts
_NUMBER_SIGN = re.compile(r"\b(numero|number|nro\.?|no\.|n[o°º]\.?)\s*$")


@lru_cache(maxsize=1)
def _word_numbers() -> tuple[dict[str, int], re.Pattern[str]]:
    words = {fold(str(k)): int(v) for k, v in load("numbers")["words"].items()}
    alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    # compounds: "twenty-three", "twenty three", "treinta y dos", "two dozen"
    pattern = re.compile(
        rf"\b(?P<a>{alternation})(?:(?:-|\s+|\s+y\s+)(?P<b>{alternation}))?\b", re.I
    )
    return words, pattern


# "two hundred and fifty-nine": the tail of a compound after a round hundred
_HUNDRED_TAIL = re.compile(r"^\s+(and|y)\s+$")


def _word_value(a: str, b: str | None, words: dict[str, int]) -> int | None:
    va = words.get(a.lower())
    if va is None:
        return None
    if b is None:
        return va
    vb = words.get(b.lower())
    if vb is None:
        return va
    if a.lower() in _ARTICLES and vb not in (12, 100):  # "mató a cuatro", "neutralizaron a once"
        return vb
    if vb in (12, 100) and va < 20:  # "two dozen", "two hundred"
        return va * vb
    if va >= 20 and va % 10 == 0 and vb < 10:  # "twenty-three", "treinta y dos"
        return va + vb
    return va


_RESTATED = re.compile(r"(?<=[^\W\d])\s*\(\d{1,4}\)")  # "diez (10)", "un (1)": legal Spanish restates numbers


def _unbracket(text: str) -> str:
    """`text` with numbers restated in brackets blanked out; same length, so offsets hold."""
    return _RESTATED.sub(lambda m: " " * len(m.group(0)), text)


def numbers(text: str) -> list[tuple[int, int, int]]:
    """Every (value, start, end) in the text, digits and number words, in order."""
    text = _unbracket(text)
    folded = fold(text)
    found: list[tuple[int, int, int]] = []
    for m in _DIGITS.finditer(folded):
        value = int(m.group(1).replace(",", ""))
        # 20 characters: " de septiembre" must be seen whole to read "el 8 de septiembre" as a date
        before, after = folded[max(0, m.start() - 20) : m.start()], folded[m.end() : m.end() + 20]
        if (1900 <= value <= 2100 or _DATE_CONTEXT.search(before) or _DATE_CONTEXT.search(after) or _NUMBER_SIGN.search(before)
                or _AGE_AFTER.search(after) or _AGE_BEFORE.search(before) or _age_after_name(text, m.start(), m.end())):
            continue
        found.append((value, m.start(), m.end()))
    words, pattern = _word_numbers()
    for m in pattern.finditer(folded):
        a, b = m.group("a"), m.group("b")
        if a == "once" and b is None and ((_SPANISH_ONCE.search(folded[: m.start()]) and re.match(r"\s+\w+s\b", folded[m.end():]))
                                          or _SPANISH_ONCE_PEOPLE.match(folded, m.end())):
            pass  # "al menos once personas", "Once muertos": Spanish eleven
        elif a in ("a", "an", "no", "un", "una", "once", "hasta") and b is None:
            continue  # too ambiguous alone ("a man", "once again")
        if _AGE_AFTER.search(folded[m.end() : m.end() + 12]):
            continue
        value = _word_value(a, b, words)
        if value is None:
            continue
        if (found and value < 100 and found[-1][0] % 100 == 0 and found[-1][0] >= 100
                and _HUNDRED_TAIL.match(folded[found[-1][2] : m.start()])):
            found[-1] = (found[-1][0] + value, found[-1][1], m.end())  # "two hundred and fifty-nine"
            continue
        found.append((value, m.start(), m.end()))
    for m in _PAIR.finditer(folded):
        if not any(start <= m.start() < end for _, start, end in found):
            found.append((2, m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])


# what comes before an age: a name and a comma ("Lucas González, 17,", "Ndwiga, de 19,"), or "who was"
_NAME_COMMA = r"[A-ZÁÉÍÓÚÑ][\w'-]+,\s*(?:de\s+)?"
_WHO_WAS = r"\b(?:who was|que tenía|quien tenía)"
_AGED_PERSON = re.compile(
    rf"{_NAME_COMMA}\d{{1,2}}\s*(,|$)|{_WHO_WAS}\s+\d{{1,2}}\b"
    # a named person who died: "Kukoc died on 12 December", "la muerte de Juan Pablo Kukoc"
    r"|\b[A-ZÁÉÍÓÚÑ][\w'-]+\s+(died|was killed|was shot dead|murió|falleció|fue asesinado|fue abatido)\b"
    r"|\b(death of|killing of|muerte de|asesinato de|homicidio de)\s+[A-ZÁÉÍÓÚÑ]")


def _age_after_name(text: str, start: int, end: int) -> bool:
    """"Lucas González, 17, was struck", "Philando Castile, 32", "Azelle, who was 24,": an age, not a count."""
    before, after = text[max(0, start - 40) : start], text[end : end + 2]
    if not re.match(r"\s*(,|;|\)|$)", after):
        return False
    return bool(re.search(rf"{_NAME_COMMA}$|^\s*de\s+$|{_WHO_WAS}\s*$", before))


def first_number(text: str, last: bool = False) -> tuple[int, int, int] | None:
    found = numbers(text)
    if not found:
        return None
    return found[-1] if last else found[0]


@lru_cache(maxsize=1)
def _hedges() -> dict[str, re.Pattern[str]]:
    return {k: compile_patterns(v, f"numbers.yaml:hedges.{k}") for k, v in load("numbers")["hedges"].items()}


@lru_cache(maxsize=1)
def _subject_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load("numbers")
    return (compile_patterns(data["killed_words"], "numbers.yaml:killed_words"),
            compile_patterns(data["wounded_words"], "numbers.yaml:wounded_words"),
            compile_patterns(data["singular_subjects"], "numbers.yaml:singular_subjects"))


# "two young men and a police inspector", "veintisiete civiles y un policía", "the gunman and two
# hostages", "mi mamá y mis tres hermanitos", "Mehsud y otros tres hombres": one count of people
# joined by and/y, summed when a death or wound word closes or opens the phrase; and "<one person> was
# killed along with N others" (a death word before "along with")
_AND = r"\s+(?:and|y)\s+(?:a\s+)?"
_WORDS = r"((?:\s+[\w.'-]+){0,4}?)"  # the rest of the first conjunct: "two (of his bodyguards)"
_ONE = r"(?:a|an|one|un|una|el|la|the|his|her|its|their|su|mi)\s+(?![\w-]*s\b)[\w-]+"  # a singular noun
_PLURAL_DET = r"(?:(?:the|his|her|their|los|las|sus|mis|otros|otras|other)\s+)?"
_ALONG = r"(?:along with|together with|as well as|junto (?:con|a)|ademas de)"


def _coordinated_total(folded: str, found: list[tuple[int, int, int]], subject: re.Match[str] | None) -> int | None:
    """The one number of a count claim plus one person coordinated with it, or None when there is none."""
    if subject is None or len(found) != 1:
        return None
    value, start, end = found[0]
    # N <a few words> and a/the <noun>: "two hostages and the hostage-taker died"
    m = re.match(rf"{_WORDS}{_AND}(?!(?:other|otros|otras)\b){_ONE}", folded[end:])
    if m and not _marked(m.group(1)) and _closes(folded, start, end + m.end()):
        return value + 1
    # <one person> and (the/other) N: "the gunman and two of his captives", "mi mamá y mis tres hermanitos"
    m = re.search(rf"(?P<x>[^,;:.]*?){_AND}{_PLURAL_DET}$", folded[:start])
    if m:
        words = m.group("x").split()
        person: list[str] = []
        for word in reversed(words[-3:]):  # the conjunct ends at a death word: "murieron mi mamá"
            if _marked(word) or word in ("and", "y"):
                break
            person.insert(0, word)
        if person and _closes(folded, m.start("x") + len(m.group("x")) - len(" ".join(person)), end):
            return value + 1
    # <one person> died ... along with N: "the driver was pronounced dead along with two passengers"
    if re.search(rf"\b{_ALONG}\s+{_PLURAL_DET}$", folded[:start]) and _marked(folded[:start]):
        return value + 1
    return None


def _marked(text: str) -> bool:
    killed, wounded, _ = _subject_words()
    return bool(killed.search(text) or wounded.search(text))


def _closes(folded: str, start: int, end: int) -> bool:
    """A death or wound word comes within a few words after the phrase, or a killing verb right before it."""
    after = re.match(r"^(?:\s+[\w-]+){0,5}", folded[end:]).group(0)
    if _marked(after):
        return True
    return bool(re.search(r"(killing|killed|deaths?|shot dead|gunned down|mato|mataron|murieron|fallecieron|dieron muerte|muerte|"
                          r"muertes|asesinato|homicidio|acribillaron|asesinaron|ejecutaron)\s+(?:of\s+|de\s+|a\s+)?$",
                          folded[max(0, start - 30) : start]))


_COUNTS_NO_PEOPLE = re.compile(
    r"\s+(?:more\s+|other\s+|mas\s+|otros\s+)?(?:shots?|bullets?|rounds?|gunshots?|wounds?|times|days?|hours?|minutes?|"
    r"seconds?|weeks?|months?|years?|metres?|meters?|yards?|feet|km|casings?|cartridges?|balazos?|disparos?|tiros?|"
    r"impactos?|proyectiles?|heridas?|veces|dias?|horas?|minutos?|segundos?|semanas?|meses|anos|metros?|cuadras?|"
    r"casquillos?|vainas?|cartuchos?)\b"
)


@lru_cache(maxsize=65536)
def count_claim(text: str) -> tuple[float | None, str | None, str | None]:
    """(value, hedge, category) of a count claim: the number nearest a death/wound word.

    >>> count_claim("at least 14 people were killed")
    (14.0, 'at_least', 'killed')
    >>> count_claim("No officer was wounded")
    (0.0, None, 'wounded')
    """
    text = _unbracket(text)
    folded = fold(text)
    # "dos balazos", "fired 15 rounds", "three times": numbers of shots, days or metres count no people
    found = [n for n in numbers(text) if not _COUNTS_NO_PEOPLE.match(folded, n[2])]
    zero = re.search(r"\b(no|none of the|not a single|not one|neither|nobody|ningun\w*|ni un|nadie)\b", folded)
    killed, wounded, singular = _subject_words()
    subject = killed.search(folded) or wounded.search(folded)
    category = None
    if subject:
        category = "wounded" if wounded.search(folded) and not killed.search(folded) else "killed"
    if not found:
        if zero:
            return 0.0, None, category
        if singular.search(folded) or _AGED_PERSON.search(text):
            return 1.0, None, category
        return None, None, category
    if zero and any(zero.start() <= start <= zero.end() + 1 for _, start, _ in found):
        return 0.0, None, category  # "not one of the officers", "not a single officer"
    value, start, _ = _asserted_number(found, subject, folded, category)
    value = _coordinated_total(folded, found, subject) or value
    hedge = None
    window = folded[max(0, start - 25) : start]
    for name, pattern in _hedges().items():
        if pattern.search(window):
            hedge = name
            break
    return float(value), hedge, category


def _asserted_number(found: list[tuple[int, int, int]], subject: re.Match[str] | None, folded: str = "",
                     category: str | None = None) -> tuple[int, int, int]:
    """The (value, start, end) a count claim asserts: the number nearest its death or wound word.

    For a count of the dead, a number whose own verb is a wound word is another count ("three people
    died and two were seriously injured": three).
    """
    anchor = subject.start() if subject else 0
    if category == "killed" and folded:
        killed, wounded, _ = _subject_words()

        def counts_wounded(n: tuple[int, int, int]) -> bool:
            after = folded[n[2] : n[2] + 40]
            w, k = wounded.search(after), killed.search(after)
            return bool(w and (k is None or w.start() < k.start()))

        found = [n for n in found if not counts_wounded(n)] or found
    return min(found, key=lambda t: abs(t[1] - anchor))


@lru_cache(maxsize=1)
def _officers_counted() -> re.Pattern[str]:
    return re.compile(load("numbers")["officers_counted"])


def counts_officers(text: str) -> bool:
    """Whether the number a count claim asserts counts officers ("homenaje a los seis agentes muertos").

    Writers type such claims `casualty_count` as often as `officer_casualty`; comparing them with
    a count of everyone killed ("17 people were killed") would set unlike against unlike.

    >>> counts_officers("homenaje a los seis agentes muertos")
    True
    >>> counts_officers("At least 17 people were killed, among them six officers")
    False
    """
    folded = fold(text)
    found = numbers(text)
    if not found:
        return False
    killed, wounded, _ = _subject_words()
    subject = killed.search(folded) or wounded.search(folded)
    if _coordinated_total(folded, found, subject) is not None:
        return False  # "27 civilians and one police officer dead" counts everyone
    _, _, end = _asserted_number(found, subject)
    return bool(_officers_counted().match(folded[end:]))
