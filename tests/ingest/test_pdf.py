"""PDF files: the text layer with printed line wrapping undone; scans, encrypted and broken files reported."""

from __future__ import annotations

from dissonance.ingest import read_collection
from dissonance.ingest.pdf_files import unwrap


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A small, valid PDF: one Helvetica text line per entry, top to bottom, on each page (no lines: a scan)."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        body = "BT /F1 10 Tf 14 TL 50 760 Td " + " ".join(f"({_escape(line)}) Tj T*" for line in lines) + " ET"
        stream = body.encode("cp1252")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info = None
    if title:
        objects.append(f"<< /Title ({_escape(title)}) /CreationDate (D:20230105120000Z) >>".encode())
        info = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


AUTOPSY = [
    "PROTOCOLO DE AUTOPSIA N. 114/2023",
    "",
    "Examen externo: orificio de entrada de proyectil de arma de fuego en la region occipital, con",
    "tatuaje de polvora alrededor de sus bordes; un segundo orificio de entrada en la region inter-",
    "escapular. Trayectoria de atras hacia adelante en ambos casos.",
    "Conclusion:",
    "Muerte por heridas de proyectil de arma de fuego.",
]


def test_pdf_text_layer_is_read_with_wrapped_lines_joined(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "autopsia.pdf").write_bytes(make_pdf([AUTOPSY, ["Firma del perito forense."]], title="Protocolo 114/2023"))
    collection = read_collection(folder)
    (doc,) = list(collection)
    assert doc.id == "autopsia" and collection.report.problems == []
    assert ("orificio de entrada de proyectil de arma de fuego en la region occipital, con tatuaje de polvora "
            "alrededor de sus bordes; un segundo orificio de entrada en la region interescapular.") in doc.text
    assert "PROTOCOLO DE AUTOPSIA N. 114/2023\n" in doc.text  # a short line keeps its break
    assert "Conclusion:\nMuerte por heridas" in doc.text
    assert doc.text.endswith("\n\nFirma del perito forense.")  # pages apart by a blank line
    assert doc.meta["title"] == "Protocolo 114/2023" and doc.meta["pages"] == 2
    assert doc.meta["extraction"] == "pdf_text_layer" and doc.meta["pdf_created"].startswith("D:2023")
    assert doc.date is None  # the file's creation date is not the document's date


def test_a_scanned_pdf_is_kept_empty_with_a_reason_and_a_broken_one_is_skipped(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(make_pdf([[], []]))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf body at all\n")
    (folder / "ruling.pdf.meta.yaml").write_text("date: 2023-02-01\nsource_type: judicial\n")
    (folder / "ruling.pdf").write_bytes(make_pdf([["The court found that the officer fired from behind."]]))
    collection = read_collection(folder)
    docs = {d.id: d for d in collection}
    report = collection.report
    assert set(docs) == {"scan", "ruling"}
    assert docs["scan"].meta["ingest_status"] == "empty"
    problems = [str(p) for p in report.problems]
    assert any(p.startswith("scan.pdf:") and "no text layer (2 pages; a scan?): run OCR" in p for p in problems)
    assert any(s.file == "broken.pdf" and "unreadable PDF" in s.reason for s in report.skipped)
    assert docs["ruling"].date == "2023-02-01" and docs["ruling"].meta["source_type"] == "judicial"


def test_a_scanned_pdf_says_why_it_is_empty_in_the_run_tables(tmp_path):
    from dissonance.analyze import Analyzer

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(make_pdf([[]]))
    (result,) = list(Analyzer().analyze(read_collection(folder)))
    assert result.status == "empty" and "run OCR on it first" in result.message


def test_unwrap_keeps_short_lines_and_joins_hyphenated_words():
    page = ("HEADER\nThe bullet entered the left side of the chest and left the body through the right sca-\n"
            "pula; no soot or stippling was seen around the entry wound on the skin of the chest.\nEnd.")
    assert unwrap(page) == ("HEADER\nThe bullet entered the left side of the chest and left the body through the right "
                            "scapula; no soot or stippling was seen around the entry wound on the skin of the chest.\nEnd.")
