"""Hard-wrapped text: line breaks that a mail client, a typewriter-style export or a court
transcript put inside paragraphs.

Analysis reads a line break as the end of a sentence (most documents put one
paragraph per line), so a text wrapped at 72 columns had its claims and
findings cut at every line end: on the dev set wrapped that way, findings
detection fell from 0.72 to 0.37 (eval/README.md, point 58). `soft_breaks`
returns the text with those wrap breaks turned into spaces, *the same length*,
so every offset found in it indexes the original text unchanged. A break is a
wrap when the document is wrapped at all (most of its lines fill a common
width) and the next line's first word would not have fitted on the line
before; short lines (headings, the last line of a paragraph), blank lines and
list items keep their break. Line ends are normalised the same way, in place.
"""

from __future__ import annotations

import re

MIN_LINES = 4  # fewer lines say nothing about a wrapping width
MAX_WIDTH = 160  # lines longer than this are paragraphs, not wrapped lines
FILLED = 0.75  # a line at least this share of the width is filled
WRAPPED_SHARE = 0.6  # a document is wrapped when this share of its inner lines is filled
_LIST_ITEM = re.compile(r"\s*([-*•·]|\d{1,3}[.)]|[a-z][.)])\s")


def _width(lengths: list[int]) -> int:
    """The wrapping width: the 95th percentile of line lengths (one long URL line does not set it)."""
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def soft_breaks(text: str) -> str:
    """`text` with the line breaks of hard wrapping replaced by spaces; same length, same offsets.

    Windows line ends ("\r\n") are read as a space and a line break, and a lone "\r" (old Mac files)
    as a line break: the tagger and the sentence splitter know only "\n" (dev with CRLF line ends
    lost one point of findings F1 before).
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < MIN_LINES:
        return text
    width = _width(lengths)
    if width > MAX_WIDTH or width == 0:
        return text
    # inner lines: those followed by another non-blank line (a paragraph's last line is short by nature)
    inner = [len(a.rstrip()) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if not inner or sum(n >= FILLED * width for n in inner) < WRAPPED_SHARE * len(inner):
        return text
    out = list(text)
    position = 0
    for line, following in zip(lines, lines[1:]):
        position += len(line)  # index of the "\n" after `line`
        first_word = following.split()[0] if following.strip() else ""
        if (line.strip() and first_word and not _LIST_ITEM.match(following)
                and len(line.rstrip()) + 1 + len(first_word) > width):
            out[position] = " "
        position += 1
    return "".join(out)
