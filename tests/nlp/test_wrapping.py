"""Hard-wrapped text is read as its paragraphs, with the offsets of the text as given."""

import textwrap
from pathlib import Path

import pytest

from dissonance.nlp.wrapping import soft_breaks

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = (
    "The Interior Ministry said on Saturday that the six men died in an armed confrontation with officers of "
    "the special forces in the hills above the town, after they opened fire on a patrol that had come to "
    "arrest them. A rifle, two pistols and ammunition were seized at the scene, the ministry added.\n\n"
    "Relatives of two of the dead told reporters that the men had been taken from their homes before dawn, "
    "unarmed and in handcuffs, and that they were found dead hours later. The forensic report, seen by this "
    "newspaper, describes entry wounds in the back of the head of four of the six men, with soot and "
    "stippling around the wounds.\n\n"
    "WHAT COMES NEXT\n- The prosecutor's office has opened an inquiry.\n- The families will meet on Monday.\n"
)


def wrapped(text: str, width: int = 70) -> str:
    """The text hard-wrapped at `width` columns by turning spaces into line breaks (same length)."""
    out = []
    for paragraph in text.split("\n"):
        lines = textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False) or [""]
        out.append("\n".join(lines))
    result = "\n".join(out)
    assert len(result) == len(text)
    return result


def test_wrap_breaks_become_spaces_and_everything_else_stays():
    text = wrapped(STATEMENT)
    assert text != STATEMENT and soft_breaks(text) == STATEMENT
    # paragraphs, a heading and list items keep their breaks; nothing moves
    assert "\n\nWHAT COMES NEXT\n- The prosecutor's" in soft_breaks(text)


def test_text_with_a_paragraph_per_line_is_left_alone():
    assert soft_breaks(STATEMENT) == STATEMENT
    seed = (ROOT / "corpora" / "samples" / "la-vega" / "la-vega-2021-02-18.txt").read_text(encoding="utf-8")
    assert soft_breaks(seed) == seed
    short = "Title\nPolice said two men died.\nThey were armed."
    assert soft_breaks(short) == short


@pytest.mark.slow
def test_a_wrapped_document_gives_the_spans_of_the_same_document_unwrapped(tmp_path):
    """Before, every line end cut a claim or finding in two (dev wrapped at 72 columns: findings F1 0.72 -> 0.37)."""
    from dissonance.run import analyze_path

    for name, text in (("plain", STATEMENT), ("wrapped", wrapped(STATEMENT))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(text, encoding="utf-8")
        analyze_path(tmp_path / name, tmp_path / f"run-{name}")
    import json

    spans = {}
    for name in ("plain", "wrapped"):
        (record,) = [json.loads(line) for line in (tmp_path / f"run-{name}" / "predictions.jsonl").open()]
        spans[name] = [(s["start"], s["end"], s["type"]) for s in record["claims"] + record["findings"]]
        for s in record["claims"] + record["findings"]:
            assert s["text"] == record["text"][s["start"]:s["end"]]
    assert spans["wrapped"] == spans["plain"] and len(spans["plain"]) >= 4


def test_windows_and_old_mac_line_ends_are_read_as_line_breaks_in_place():
    crlf = wrapped(STATEMENT).replace("\n", "\r\n")
    read = soft_breaks(crlf)
    assert len(read) == len(crlf) and "\r" not in read
    assert " ".join(read.split()) == " ".join(STATEMENT.split())  # the wraps are gone, the words in place
    assert "\n\nWHAT COMES NEXT" not in read and "WHAT COMES NEXT \n- The" in read
    assert soft_breaks("Police said\rthey died.") == "Police said\nthey died."
