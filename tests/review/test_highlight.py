"""Cutting document text at span offsets (the template escapes each part)."""

from dissonance.review.highlight import segments


def _join(ctx):
    return "".join(p["text"] for p in ctx["parts"])


def test_highlight_whole_text_marks():
    text = "Police said they died in a shootout; the autopsy found wounds to the head."
    claim = (text.index("they died"), text.index(";"), "claim")
    finding = (text.index("wounds"), len(text) - 1, "finding")
    ctx = segments(text, [claim, finding], window=None)
    assert _join(ctx) == text and not ctx["clipped_start"] and not ctx["clipped_end"]
    marked = {p["text"]: p["marks"] for p in ctx["parts"] if p["marks"]}
    assert marked == {"they died in a shootout": ["claim"], "wounds to the head": ["finding"]}


def test_highlight_overlapping_marks():
    text = "abcdefghij"
    ctx = segments(text, [(2, 6, "claim"), (4, 8, "finding")], window=None)
    assert [(p["text"], p["marks"]) for p in ctx["parts"]] == [
        ("ab", []), ("cd", ["claim"]), ("ef", ["claim", "finding"]), ("gh", ["finding"]), ("ij", [])]


def test_highlight_window_clips_and_snaps_to_words():
    text = ("word " * 200) + "TARGET span here " + ("word " * 200)
    start = text.index("TARGET")
    ctx = segments(text, [(start, start + 11, "claim")], focus=(start, start + 11), window=50)
    assert ctx["clipped_start"] and ctx["clipped_end"]
    body = _join(ctx)
    assert "TARGET span" in body and len(body) < 160
    assert body.startswith("word") and text[ctx["start"] - 1] == " "


def test_highlight_ignores_bad_offsets():
    ctx = segments("short", [(3, 99, "claim"), (None, 2, "finding"), (4, 2, "claim")], window=None)
    assert [(p["text"], p["marks"]) for p in ctx["parts"]] == [("sho", []), ("rt", ["claim"])]
