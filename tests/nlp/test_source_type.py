"""The committed source-type classifier reads the register of the text and, when given, the metadata."""

from pathlib import Path

import pytest

from dissonance.nlp.source_type import SourceTypeClassifier, _frame, meta_text

MODEL = Path(__file__).resolve().parents[2] / "models" / "source_type"

AUTOPSY = (
    "EXTERNAL EXAMINATION. The body is that of an adult male, 1.72 m. Entry wound of 0.8 cm in the left "
    "occipital region with an abrasion collar and powder tattooing over 4 cm; exit wound in the right "
    "frontal region. Second entry wound in the precordial region. Cause of death: penetrating gunshot "
    "wounds of the head and thorax."
)
TERSE = "The two men were shot by officers after the car failed to stop at the checkpoint on Route 9."


@pytest.fixture(scope="module")
def classifier():
    return SourceTypeClassifier.load(MODEL)


def _prob(clf, text, meta, label):
    probs = clf.pipeline.predict_proba(_frame([text], [meta]))[0]
    return probs[list(clf.pipeline.classes_).index(label)]


def test_source_type_reads_register_without_metadata(classifier):
    assert classifier.predict([AUTOPSY])[0][0] == "forensic"


def test_source_type_court_metadata_moves_a_terse_text_towards_judicial(classifier):
    court = {"outlet": "Tribunal de Juicio Oral en lo Penal", "title": "Sentencia, considerandos"}
    assert _prob(classifier, TERSE, court, "judicial") > 1.5 * _prob(classifier, TERSE, None, "judicial")


def test_source_type_meta_text_keeps_only_naming_fields():
    assert meta_text({"outlet": "State House", "title": "Address", "url": "http://x", "n": [1]}) == "State House | Address"
    assert meta_text(None) == "" and meta_text({}) == ""


def test_source_type_analysis_hands_each_document_its_metadata(monkeypatch):
    """analyze builds each Doc with the record's meta, and the component passes it to the classifier."""
    import spacy

    from dissonance.analyze import _input_doc
    from dissonance.labelled.schema import InputDocument
    from dissonance.nlp.components import SourceTypeComponent

    seen = []

    class Spy:
        def predict(self, texts, metas=None):
            seen.extend(metas)
            return [("judicial", 0.9)] * len(texts)

    monkeypatch.setattr(SourceTypeComponent, "classifier", property(lambda self: Spy()))
    nlp = spacy.blank("en")
    record = InputDocument(id="d1", text="The court finds the officers acted unlawfully.", meta={"outlet": "High Court"})
    doc = _input_doc(nlp, record, 0, len(record.text))
    assert doc.text == record.text and doc._.doc_id == "d1"
    (doc,) = SourceTypeComponent(None).pipe([doc])
    assert seen == [{"outlet": "High Court"}] and doc._.source_type == "judicial"
