"""Turn file bytes into text, or say why they are not text.

Documents about Latin American cases often come as Windows exports (cp1252)
or old latin-1 pages; decoding those as UTF-8 with replacement characters
would silently corrupt every accented word a claim may hinge on. So: UTF-8
(with or without BOM) first, UTF-16/32 only when a BOM says so, otherwise
charset-normalizer's guess (Western code pages first among equally good
ones); bytes that are none of these are binary.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The sources this project reads are Spanish, Portuguese, English or French;
# their non-UTF-8 files are Windows-1252 (a superset of latin-1's printable
# characters). Statistical detectors misjudge short texts of that kind
# (cp1250 turns "ñ" into "ń", a single "é" can look like Big5), so cp1252 is
# tried first and kept when nearly every non-ASCII character it yields is one
# these languages use. Cyrillic or Central European text read as cp1252 gives
# mostly other letters (å, ð, ò, ...) and goes to charset-normalizer.
WESTERN_CHARS = frozenset(
    "áéíóúñüçàèìòùâêîôûãõäëïöœ¿¡«»ºª°€–—‘’“”…·\xa0´"
    "ÁÉÍÓÚÑÜÇÀÈÌÒÙÂÊÎÔÛÃÕÄËÏÖŒ"
)
WESTERN_SHARE = 0.9
WESTERN = ("cp1252", "latin_1", "iso8859_15")
SNIFF_BYTES = 1 << 20  # how much of a large file decides its encoding


class NotText(ValueError):
    """The bytes are binary or in no encoding that can be told."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name; "utf-8" for plain UTF-8

    @property
    def utf8(self) -> bool:
        return self.encoding in ("utf-8", "utf-8-sig", "ascii")


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def detect_encoding(head: bytes, *, complete: bool) -> str:
    """The codec for a file whose first bytes are `head`.

    `complete` says whether `head` is the whole file: if not, a multi-byte
    character cut at the end of `head` is not held against UTF-8.
    """
    bom = _bom(head)
    if bom:
        return bom
    if b"\x00" in head:
        raise NotText("binary or unreadable (NUL bytes)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_western(head):
        return "cp1252"
    matches = from_bytes(head)
    best = matches.best()
    if best is None:
        raise NotText("binary or unreadable (no text encoding fits)")
    for match in matches:  # equally clean decodings: prefer the Western code pages
        if match.encoding in WESTERN and match.chaos <= best.chaos + 0.01:
            return match.encoding
    return best.encoding


def _looks_western(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text):
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    return bool(wide) and sum(ch in WESTERN_CHARS for ch in wide) >= WESTERN_SHARE * len(wide)


def decode(data: bytes) -> Decoded:
    """Decode a whole file's bytes; raises `NotText` for binary input.

    The encoding is judged on the first `SNIFF_BYTES` (detection on a whole
    large file is slow); if the rest does not decode with it, the whole file
    is judged again before giving up.
    """
    if not data:
        return Decoded("", "utf-8")
    encoding = detect_encoding(data[:SNIFF_BYTES], complete=len(data) <= SNIFF_BYTES)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if len(data) <= SNIFF_BYTES:
            raise NotText("binary or unreadable (undecodable bytes)") from None
        encoding = detect_encoding(data, complete=True)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise NotText("binary or unreadable (undecodable bytes)") from None
    if "\x00" in text:
        raise NotText("binary or unreadable (NUL characters)")
    return Decoded(text, encoding)
