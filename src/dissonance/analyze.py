"""Per-document analysis: documents in, claims and findings out, in batches.

`analyze_documents` streams `InputDocument`s through the English or Spanish
pipeline in batches (documents of a batch are grouped by language and sent
through `nlp.pipe`), and yields one `AnalyzedDocument` per input, in input
order, whatever happened to it: empty, unsupported language, junk, or too
large for one pass (then it is analysed in chunks). Nothing is dropped;
each outcome carries a status and a message.

Cross-document work (incidents, flags) and the run folder are in `run.py`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .labelled.schema import InputDocument
from .nlp.export import span_records
from .nlp.extensions import CLAIMS, FINDINGS
from .nlp.language import SUPPORTED, detect_language
from .nlp.wrapping import soft_breaks

CHUNK_CHARS = 100_000  # documents longer than this are analysed piece by piece
BATCH_DOCS = 64

STATUS_OK = "ok"
STATUS_EMPTY = "empty"
STATUS_UNSUPPORTED = "unsupported_language"
STATUS_JUNK = "not_text"
STATUS_CHUNKED = "ok_chunked"


@dataclass
class AnalyzedDocument:
    record: dict[str, Any]  # labelled-set record (predictions)
    status: str
    message: str | None = None
    lang_source: str = "given"
    n_tokens: int = 0
    seconds: float = 0.0
    source_type_score: float | None = None
    relevance: float | None = None
    claim_rows: list[dict[str, Any]] = field(default_factory=list)
    finding_rows: list[dict[str, Any]] = field(default_factory=list)


def _junk_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (not ch.isprintable() and ch not in "\n\r\t") or ch == "\ufffd")
    return bad / len(sample)


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut at paragraph, then sentence, then space boundaries near `size`."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), -1)
        if cut < size // 2:
            cut = max(window.rfind(". "), window.rfind("\n"))
        if cut < size // 2:
            cut = window.rfind(" ")
        cut = start + (cut + 1 if cut > 0 else size)
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _choose_language(doc: InputDocument) -> tuple[str | None, str]:
    if doc.lang:
        return doc.lang, "given"
    lang, _ = detect_language(doc.text)
    return lang, "detected"


def _base_record(doc: InputDocument, lang: str | None) -> dict[str, Any]:
    record: dict[str, Any] = {"id": doc.id, "text": doc.text, "lang": lang or "xx", "source_type": "other"}
    if doc.date:
        record["date"] = doc.date
    if doc.meta:
        record["meta"] = doc.meta
    record.update(claims=[], findings=[], incidents=[], relations=[])
    return record


def _sentence_of(doc, span) -> str:
    return span.sent.text.strip() if doc.has_annotation("SENT_START") else ""


class Analyzer:
    """Holds one pipeline per language; `pipelines` maps lang -> spaCy Language."""

    def __init__(self, pipelines: dict[str, Any] | None = None):
        self._pipelines = pipelines or {}

    def pipeline(self, lang: str):
        if lang not in self._pipelines:
            from .nlp.pipeline import pipeline_for

            self._pipelines[lang] = pipeline_for(lang)
        return self._pipelines[lang]

    def analyze(self, documents: Iterable[InputDocument]) -> Iterator[AnalyzedDocument]:
        stream = iter(documents)
        while True:
            batch = list(islice(stream, BATCH_DOCS))
            if not batch:
                return
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: list[InputDocument]) -> list[AnalyzedDocument]:
        results: list[AnalyzedDocument | None] = [None] * len(batch)
        work: dict[str, list[tuple[int, int, int]]] = {}  # lang -> (doc index, start, end)
        for i, doc in enumerate(batch):
            lang, lang_source = _choose_language(doc)
            record = _base_record(doc, lang)
            if not doc.text.strip():
                why = doc.meta.get("empty_reason") if isinstance(doc.meta.get("empty_reason"), str) else None
                results[i] = AnalyzedDocument(record, STATUS_EMPTY, f"empty document: {why or 'nothing to analyse'}", lang_source)
            elif _junk_share(doc.text) > 0.1:
                results[i] = AnalyzedDocument(record, STATUS_JUNK, "the text is mostly control or undecodable characters (binary data?)", lang_source)
            elif lang not in SUPPORTED:
                detected = lang or "undetermined"
                results[i] = AnalyzedDocument(
                    record, STATUS_UNSUPPORTED,
                    f"language {detected!r} is not supported (en, es): no claims or findings extracted", lang_source,
                )
            else:
                chunks = _chunks(doc.text)
                results[i] = AnalyzedDocument(
                    record, STATUS_CHUNKED if len(chunks) > 1 else STATUS_OK,
                    f"analysed in {len(chunks)} chunks of up to {CHUNK_CHARS} characters" if len(chunks) > 1 else None,
                    lang_source,
                )
                work.setdefault(lang, []).extend((i, s, e) for s, e in chunks)
        # source type for documents that are not analysed by a pipeline still comes from the classifier
        idle = [i for i, r in enumerate(results) if r is not None and r.status in (STATUS_UNSUPPORTED,)]
        if idle:
            from .nlp.components import _load_model
            from .paths import model_path

            clf = _load_model("source_type", str(model_path("source_type")))
            for i, (label, score) in zip(idle, clf.predict([batch[i].text for i in idle], [batch[i].meta for i in idle])):
                results[i].record["source_type"], results[i].source_type_score = label, round(score, 4)
        for lang, jobs in work.items():
            nlp = self.pipeline(lang)
            numbering: dict[int, dict[str, int]] = {}
            started = time.perf_counter()
            docs = (_input_doc(nlp, batch[i], s, e) for i, s, e in jobs)
            for (i, s, _), doc in zip(jobs, nlp.pipe(docs, batch_size=BATCH_DOCS)):
                result = results[i]
                assert result is not None
                claims, findings = span_records(doc, batch[i].id, offset=s, numbering=numbering.setdefault(i, {"c": 0, "f": 0}))
                for rec in claims + findings:  # the Doc read wrap breaks as spaces; records quote the text as given
                    rec["text"] = batch[i].text[rec["start"]:rec["end"]]
                result.record["claims"].extend(claims)
                result.record["findings"].extend(findings)
                result.n_tokens += len(doc)
                if s == 0:
                    result.record["source_type"] = doc._.source_type or "other"
                    result.source_type_score = doc._.source_type_score
                    result.relevance = doc._.relevance
                    if doc._.relevance is not None and not doc._.candidate_sents and result.status == STATUS_OK:
                        result.message = (f"judged not about a lethal operation (relevance {doc._.relevance:.2f}): "
                                          "no claims or findings extracted")
                contexts = {span.start_char + s: _sentence_of(doc, span) for span in [*doc.spans.get(CLAIMS, []), *doc.spans.get(FINDINGS, [])]}
                # per kind: a claim and a finding may start on the same character
                scores = {CLAIMS: {span.start_char + s: (span._.claim_score, span._.hedge, span._.side_score)
                                   for span in doc.spans.get(CLAIMS, [])},
                          FINDINGS: {span.start_char + s: span._.finding_score for span in doc.spans.get(FINDINGS, [])}}
                for rec in claims:
                    result.claim_rows.append(_claim_row(batch[i].id, rec, scores[CLAIMS], contexts))
                for rec in findings:
                    result.finding_rows.append(_finding_row(batch[i].id, rec, scores[FINDINGS], contexts))
            elapsed = time.perf_counter() - started
            total_tokens = sum(results[i].n_tokens for i in {j for j, _, _ in jobs}) or 1
            for i in {j for j, _, _ in jobs}:
                results[i].seconds = round(elapsed * results[i].n_tokens / total_tokens, 4)
        return [r for r in results if r is not None]


def _input_doc(nlp, document: InputDocument, start: int, end: int):
    """A chunk of a document, tokenised, carrying what components may read besides the text.

    Line breaks of hard wrapping are read as spaces (`wrapping.soft_breaks`: same length, so the
    Doc's offsets are the text's)."""
    doc = nlp.make_doc(soft_breaks(document.text[start:end]))
    doc._.doc_id, doc._.date, doc._.meta = document.id, document.date, document.meta
    return doc


def _claim_row(doc_id, rec, scores, contexts) -> dict[str, Any]:
    score, hedge, side_score = scores.get(rec["start"], (None, None, None))
    return {
        "doc_id": doc_id, "claim_id": rec["id"], "start": rec["start"], "end": rec["end"], "text": rec["text"],
        "type": rec["type"], "score": score, "side_score": side_score, "polarity": rec.get("polarity"),
        "speaker": rec.get("speaker"),
        "speaker_role": rec.get("speaker_role"), "value": rec.get("value"), "hedge": hedge,
        "incident": rec.get("incident"), "sentence": contexts.get(rec["start"], ""),
    }


def _finding_row(doc_id, rec, scores, contexts) -> dict[str, Any]:
    score = scores.get(rec["start"])
    return {
        "doc_id": doc_id, "finding_id": rec["id"], "start": rec["start"], "end": rec["end"], "text": rec["text"],
        "type": rec["type"], "score": score, "body_regions": rec.get("body_regions") or [],
        "wounds": rec.get("wounds"), "victims": rec.get("victims"), "range": rec.get("range"),
        "direction": rec.get("direction"), "result": rec.get("result"), "incident": rec.get("incident"),
        "sentence": contexts.get(rec["start"], ""),
    }
