"""eval/agreement.py: the second labellings build, cover the same documents, and score like `dissonance eval`."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("agreement", ROOT / "eval" / "agreement.py")
agreement = importlib.util.module_from_spec(spec)
spec.loader.exec_module(agreement)


def test_agreement_labellings_cover_the_same_gold_documents():
    a, b = agreement.annotation("a"), agreement.annotation("b")
    ids = {d.id for d in a}
    assert len(ids) == 48 and ids == {d.id for d in b}
    gold = agreement.subset(agreement.GOLD, ids)
    assert {d.id for d in gold} == ids
    assert {d.lang for d in gold} == {"en", "es"}
    # the texts are the gold texts, so offsets are comparable
    by_id = {d.id: d.text for d in gold}
    assert all(d.text == by_id[d.id] for d in a + b)
    # relations are cut to the spans of the subset
    spans = {s.id for d in gold for s in d.spans()}
    assert all(r.source in spans and r.target in spans for d in gold for r in d.relations)


def test_agreement_of_a_labelling_with_itself_is_perfect_and_with_the_gold_is_not():
    a = agreement.annotation("a")
    gold = agreement.subset(agreement.GOLD, {d.id for d in a})
    same = agreement.agreement(a, a)
    assert same["claims detection"] == same["findings typed"] == 1.0
    other = agreement.agreement(gold, a)
    assert 0.5 < other["claims detection"] < 1.0 and 0.5 < other["findings detection"] <= 1.0


def test_agreement_compares_relations_only_among_documents_labelled_together():
    files = agreement.annotation_files()
    gold = agreement.subset(agreement.GOLD, set(files))
    cut = agreement.within_files(gold, files)
    doc_of = {s.id: d.id for d in gold for s in d.spans()}
    kept = [r for d in cut for r in d.relations]
    assert kept and all(files[doc_of[r.source]] == files[doc_of[r.target]] for r in kept)
    # some gold relations run between documents labelled in different files, and those are left out
    assert sum(len(d.relations) for d in gold) > len(kept)
