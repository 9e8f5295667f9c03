"""Fixtures for ingest tests: small collections written into tmp_path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "corpora" / "samples" / "la-vega"

NEWS_PAGE = """<!DOCTYPE html>
<html lang="es-VE">
<head>
  <meta charset="utf-8">
  <title>Vecinos denuncian allanamientos | Diario de Prueba</title>
  <meta property="og:title" content="Vecinos denuncian allanamientos">
  <meta property="og:site_name" content="Diario de Prueba">
  <meta property="article:published_time" content="2021-01-12T08:00:00-04:00">
</head>
<body>
  <nav><ul><li><a href="/">Inicio</a></li><li><a href="/politica">Menú de política</a></li>
  <li><a href="/deportes">Menú de deportes</a></li></ul></nav>
  <header><div class="logo">Diario de Prueba</div><div>Suscríbase al boletín semanal</div></header>
  <main><article>
    <h1>Vecinos denuncian allanamientos</h1>
    <p>Habitantes de la parroquia contaron que los funcionarios entraron a varias viviendas durante la madrugada y se llevaron a tres jóvenes que después aparecieron muertos.</p>
    <p>Las autoridades afirmaron que los fallecidos murieron en un enfrentamiento armado con las comisiones policiales y que se incautaron armas de fuego.</p>
    <p>Una madre aseguró que su hijo no tenía ningún arma cuando lo sacaron de la casa esposado y que nadie de la fiscalía la ha entrevistado.</p>
  </article></main>
  <aside><h3>Lo más leído</h3><ul><li>Resultados del campeonato de béisbol</li><li>El pronóstico del clima</li></ul></aside>
  <footer><p>© 2021 Diario de Prueba. Todos los derechos reservados.</p><a href="/privacidad">Política de privacidad</a></footer>
</body>
</html>
"""

LABELLED_LINE = {
    "id": "gold-1",
    "text": "Police said the men died in a shootout.",
    "lang": "en",
    "source_type": "official",
    "date": "2021-01-09",
    "meta": {"outlet": "Test"},
    "claims": [
        {"id": "c1", "start": 12, "end": 38, "text": "the men died in a shootout", "type": "armed_confrontation"}
    ],
    "relations": [],
}


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(rel, content, encoding="utf-8") -> path; bytes are written as they are."""

    def _write(rel: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


@pytest.fixture
def mixed(tmp_path: Path, write: Callable[..., Path]) -> Path:
    """A clean folder of every one-file kind plus JSONL and CSV: 7 documents, no problems
    when read with `text_column="body", id_column="doc"`."""
    root = tmp_path / "mixed"
    write(
        "mixed/statement.md",
        "---\nid: stmt-1\nsource_type: official\nlang: es\ndate: 2021-01-09\noutlet: Ministerio\n---\n"
        "Los fallecidos eran integrantes de bandas que dispararon contra los funcionarios.\n",
    )
    write("mixed/wire/story.txt", "Officials said about two dozen people died in clashes.\n")
    write("mixed/wire/story.meta.yaml", "source_type: media\nlang: en\ndate: 18 February 2021\nurl: https://example.org/x\n")
    write("mixed/news.html", NEWS_PAGE)
    write(
        "mixed/set.jsonl",
        json.dumps(LABELLED_LINE) + "\n" + json.dumps({"id": "bare-1", "text": "A bare record."}) + "\n",
    )
    write("mixed/rows.csv", "doc,body,lang,outlet\nr-1,First row text.,en,Wire\n,Second row text.,es,Diario\n")
    return root
