"""`dissonance review`: thin command; the server itself is not started here."""

from __future__ import annotations

from typer.testing import CliRunner

import dissonance.review.app as review_app
from dissonance.cli import app as cli


def test_cli_review_refuses_public_address_without_token(run_dir, monkeypatch):
    started = []
    monkeypatch.setattr(review_app, "serve", lambda *a, **k: started.append((a, k)))
    result = CliRunner().invoke(cli, ["review", str(run_dir), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output
    assert started == []
    assert not (run_dir.parent / "dissonance.db").exists()  # refused before touching anything


def test_cli_review_loads_run_and_serves(run_dir, monkeypatch):
    started = []
    monkeypatch.setattr(review_app, "serve", lambda app, host, port, token=None: started.append((app, host, port, token)))
    result = CliRunner().invoke(cli, ["review", str(run_dir), "--port", "9999"])
    assert result.exit_code == 0, result.output
    assert "9 flags" in result.output and "http://127.0.0.1:9999/" in result.output
    (app, host, port, token), = started
    assert (host, port, token) == ("127.0.0.1", 9999, None)
    assert (run_dir.parent / "dissonance.db").exists()

    started.clear()
    result = CliRunner().invoke(cli, ["review", str(run_dir.parent / "dissonance.db"), "--host", "0.0.0.0",
                                      "--token", "tok-123"])
    assert result.exit_code == 0, result.output
    assert "?token=tok-123" in result.output and started[0][1:] == ("0.0.0.0", 8765, "tok-123")


def test_cli_review_needs_something_to_review(tmp_path):
    result = CliRunner().invoke(cli, ["review"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["review", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "no such" in result.output
    assert not (tmp_path / "missing.db").exists()
    result = CliRunner().invoke(cli, ["review", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 2 and "no run" in result.output
