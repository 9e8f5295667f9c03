"""The bundled La Vega sample collection (the README's demo input) reads cleanly."""

from __future__ import annotations

from dissonance.ingest import read_collection

from .conftest import SAMPLES

SEED = SAMPLES.parents[2].parent / "shared" / "seeds" / "la-vega-2021-02-18.txt"


def _docs():
    collection = read_collection(SAMPLES)
    return {d.id: d for d in collection}, collection.report


def test_samples_read_without_problems():
    docs, report = _docs()
    assert report.problems == []
    assert report.total == len(docs) == 9
    assert dict(report.documents) == {"txt": 5, "md": 2, "html": 2}
    assert [(s.file, s.problem) for s in report.skipped] == [("README.md", False)]
    assert report.empty == []


def test_samples_cover_source_types_and_languages():
    docs, report = _docs()
    given = {d.meta.get("source_type") for d in docs.values()}
    assert {"official", "media", "witness", "ngo", "forensic"} <= given
    assert report.langs["es"] >= 4 and report.langs["en"] >= 2


def test_samples_latin1_testimony_has_accents():
    docs, report = _docs()
    testimony = docs["testimony-mother-2021-01-20"]
    assert (SAMPLES / "testimony-mother-2021-01-20.txt").read_bytes().decode("cp1252").count("ñ") > 0
    assert "mañana" in testimony.text and "¿Cómo" in testimony.text and "Él no tenía armas" in testimony.text
    assert testimony.meta["encoding"] == "cp1252"
    assert report.encodings == {"cp1252": 1}


def test_samples_html_pages_lose_their_boilerplate():
    docs, _ = _docs()
    page = docs["local-news-2021-01-12"]
    assert "resistencia a la autoridad" in page.text
    for boilerplate in ("Lo más leído", "Suscribirse", "cookies", "Todos los derechos", "Política de privacidad"):
        assert boilerplate not in page.text
    assert page.date == "2021-01-12" and page.lang == "es"


def test_samples_seed_copied_as_is():
    docs, _ = _docs()
    raw = (SAMPLES / "la-vega-2021-02-18.txt").read_text(encoding="utf-8")
    assert docs["la-vega-2021-02-18"].text == raw
    if SEED.exists():
        assert SEED.read_bytes() == (SAMPLES / "la-vega-2021-02-18.txt").read_bytes()


def test_samples_sidecar_gives_wire_story_its_id():
    docs, _ = _docs()
    wire = docs["la-vega-wire-2021-01-10"]
    assert wire.lang == "en" and wire.date == "2021-01-10"
    assert wire.meta["sidecar"] == "wire-2021-01-10.meta.yaml"
