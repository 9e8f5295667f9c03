"""User-given metadata: YAML front matter, sidecar files, and where keys go.

People annotate documents they collected (source type, outlet, url, date) in
the file's own front matter or, for files they do not want to touch (an HTML
page, a text received from someone else), in a sidecar `NAME.meta.yaml` or
`NAME.meta.json` beside it. Either way, `id`, `lang` and `date` become the
`InputDocument` fields and everything else, `source_type` included, stays in
`meta`: analysis predicts the source type, but what the user said is kept.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ..yamlio import load_metadata_yaml
from .decoding import NotText, decode

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")
FIELD_KEYS = ("id", "lang", "date")
LOCATED_KEYS = (*FIELD_KEYS, "source_type")  # keys whose problems name the file and line they were written on
_FRONT_MATTER = frontmatter.YAMLHandler()


class MetadataError(ValueError):
    """Metadata that cannot be read; the message says why."""


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def sidecar_candidates(path: Path) -> list[Path]:
    """Where a sidecar for `path` may be: `NAME.meta.*` by stem, then by full name."""
    out = []
    for base in (path.stem, path.name):
        for suffix in SIDECAR_SUFFIXES:
            candidate = path.with_name(base + suffix)
            if candidate not in out:
                out.append(candidate)
    return out


def find_sidecars(path: Path) -> list[Path]:
    return [c for c in sidecar_candidates(path) if c.is_file()]


def _mapping(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MetadataError(f"must be a mapping of keys to values, got {type(value).__name__}")
    return {str(k): v for k, v in value.items()}


def load_sidecar(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """(metadata, line of each key) of a sidecar file, read once."""
    try:
        text = decode(path.read_bytes()).text
    except (OSError, NotText) as exc:
        raise MetadataError(f"cannot be read: {exc}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else load_metadata_yaml(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise MetadataError(f"not valid {path.suffix.lstrip('.').upper()}: {_first_line(exc)}") from None
    return _mapping(data), key_lines(text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text that may open with `---` YAML front matter.

    python-frontmatter finds the block; the YAML is loaded here so that front
    matter that is not a mapping is reported instead of silently dropped, and
    the body is kept as written (only the blank lines after the block go).
    """
    if not _FRONT_MATTER.detect(text):
        return {}, text
    try:
        block, body = _FRONT_MATTER.split(text)
    except ValueError:  # an opening rule with no closing one: not front matter
        return {}, text
    try:
        data = load_metadata_yaml(block)
    except yaml.YAMLError as exc:
        raise MetadataError(f"not valid YAML: {_first_line(exc)}") from None
    return _mapping(data), body.lstrip("\r\n")


# "Key: value" lines that open a text file, as notes, exports and mail-like files write them
# (MultiMarkdown metadata); only these keys count, so a first line such as
# "Caracas: the police said..." stays text. Spanish keys map to the same fields.
HEADER_KEYS = {
    "title": "title", "titulo": "title", "título": "title", "headline": "title",
    "date": "date", "fecha": "date", "published": "date",
    "author": "author", "autor": "author", "by": "author",
    "source": "outlet", "outlet": "outlet", "fuente": "outlet", "medio": "outlet", "publication": "outlet",
    "url": "url", "link": "url", "enlace": "url",
    "lang": "lang", "language": "lang", "idioma": "lang",
    "source_type": "source_type", "id": "id",
}
_HEADER_LINE = re.compile(r"^(?P<key>[^\W\d_][\w ]{0,20}?)\s*:\s*(?P<value>\S.*?)\s*$")


def split_header_block(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text that opens with `Key: value` lines and a blank line.

    Every line of the block must name a known key (`HEADER_KEYS`); otherwise
    nothing is taken and the whole text is the body.
    """
    block, sep, body = text.partition("\n\n") if "\r\n" not in text[:2000] else text.partition("\r\n\r\n")
    if not sep or len(block) > 2000:
        return {}, text
    data: dict[str, Any] = {}
    for line in block.splitlines():
        m = _HEADER_LINE.match(line)
        key = HEADER_KEYS.get(m.group("key").strip().lower()) if m else None
        if key is None:
            return {}, text
        data.setdefault(key, m.group("value"))
    return data, body.lstrip("\r\n")


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Line of each top-level key in a YAML block, `Key: value` lines or a JSON object (first occurrence).

    Problems about a value name the line it was written on; keys are lower-cased.
    """
    out: dict[str, int] = {}
    for n, line in enumerate(text.splitlines()):
        m = _KEY_AT.match(line)
        if m:
            out.setdefault((m.group("dq") or m.group("sq") or m.group("bare")).strip().lower(), first_line + n)
    return out


_KEY_AT = re.compile(r'^(?:\s*"(?P<dq>[^"]+)"|\s*\'(?P<sq>[^\']+)\'|(?P<bare>[^\s#\-{}\[\]"\'][^:]{0,40}?))\s*:')


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def jsonable(value: Any) -> Any:
    """`value` with dates, decimals and other YAML/Arrow types as JSON types."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    return str(value)


def split_fields(metadata: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(id/lang/date, everything else) of one metadata mapping."""
    fields = {k: metadata[k] for k in FIELD_KEYS if k in metadata and metadata[k] is not None}
    meta = {k: v for k, v in metadata.items() if k not in FIELD_KEYS}
    return fields, meta
