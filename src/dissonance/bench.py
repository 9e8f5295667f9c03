"""Throughput of the analysis against the bare spaCy pipeline on the same texts.

The ratio (analysis tokens/s over bare `en_core_web_sm` tokens/s, one
process each, models loaded and warmed up before timing) says what the
claim/finding machinery, incident linking and reasoning cost on top of
ordinary parsing (writing the run folder is not timed). Tokens are counted
once, by the bare pipeline, so both rates share a numerator.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from .labelled.schema import InputDocument


@dataclass
class BenchResult:
    documents: int
    characters: int
    tokens: int
    bare_seconds: float
    analysis_seconds: float
    tagger_precision: str = "fp32"

    @property
    def bare_tps(self) -> float:
        return self.tokens / self.bare_seconds if self.bare_seconds else 0.0

    @property
    def analysis_tps(self) -> float:
        return self.tokens / self.analysis_seconds if self.analysis_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.analysis_tps / self.bare_tps if self.bare_tps else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "bare_tokens_per_s": round(self.bare_tps, 1),
                "analysis_tokens_per_s": round(self.analysis_tps, 1), "ratio": round(self.ratio, 3)}


def run_bench(documents: list[InputDocument], repeat: int = 1) -> BenchResult:
    import spacy

    from .analyze import Analyzer
    from .run import link_and_reason
    from .nlp.segment import ENGLISH_MODEL

    bare = spacy.load(ENGLISH_MODEL)
    bare.max_length = 2_000_000
    texts = [d.text for d in documents if d.text.strip()]
    analyzer = Analyzer()
    # warm up on a few documents and one of each language, so no pipeline is loaded while timing
    warm = documents[:4] + list({d.lang: d for d in documents}.values())
    list(bare.pipe([d.text for d in warm]))
    link_and_reason(list(analyzer.analyze(warm)))  # loads the gazetteer and knowledge base too
    from .incidents.world_places import find_town

    find_town("Toulouse")  # and the towns of the world, loaded once per process like the gazetteer

    tokens = 0
    started = time.perf_counter()
    for _ in range(repeat):
        tokens = sum(len(doc) for doc in bare.pipe(texts, batch_size=64))
    bare_seconds = (time.perf_counter() - started) / repeat

    started = time.perf_counter()
    for _ in range(repeat):
        results = list(analyzer.analyze(documents))
        link_and_reason(results)  # incidents and flags are part of the analysis
    analysis_seconds = (time.perf_counter() - started) / repeat
    from .nlp.pipeline import tagger_precision

    return BenchResult(len(documents), sum(len(t) for t in texts), tokens, round(bare_seconds, 3),
                       round(analysis_seconds, 3), tagger_precision())
