"""The committed relevance gate: look-alikes out, long documents judged paragraph by paragraph."""

from pathlib import Path

import pytest

from dissonance.nlp.relevance import THRESHOLD, RelevanceClassifier

MODEL = Path(__file__).resolve().parents[2] / "models" / "relevance"
BUDGET = ("The committee met on Tuesday to discuss the regional budget for schools, clinics and roads. "
          "Members asked for clearer tables and agreed to publish the minutes next month. ") * 4
KILLING = ("Police said the men died in a confrontation in the hills after they opened fire on a patrol. "
           "The autopsy found gunshot wounds to the head and chest, with stippling around the entry wounds.")
PENALTIES = ("The final went to a penalty shootout after a goalless draw. The keeper dived left twice and the "
             "visitors' captain fired the decisive kick into the top corner, a shot in the arm for the club.")


@pytest.fixture(scope="module")
def gate():
    return RelevanceClassifier.load(MODEL)


def test_relevance_short_documents(gate):
    killing, penalties = gate.probabilities([KILLING, PENALTIES])
    assert killing >= THRESHOLD > penalties


def test_relevance_long_document_with_one_relevant_passage_passes(gate):
    dossier = "\n\n".join([BUDGET] * 20 + [KILLING] + [BUDGET] * 20)
    minutes = "\n\n".join([BUDGET] * 41)
    assert len(dossier) > 20_000
    with_passage, without = gate.probabilities([dossier, minutes])
    assert with_passage >= THRESHOLD > without
