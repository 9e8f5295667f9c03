"""End to end in a real headless Chromium (Debian's `chromium`, driven by Playwright).

A uvicorn server in a thread on a free loopback port serves a temp SQLite
database loaded from the fixture run. A reviewer sets their name, reviews
three flags with the keyboard (a, x, a, moving with j), reloads, restarts the
server, and finds the decisions in the page and in the database.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from dissonance.review.app import create_app
from dissonance.review.store import ReviewStore

from .conftest import ORDER, SCRIPT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]


class LiveServer:
    """uvicorn serving an app in a background thread on a free loopback port."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the review server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing: `make setup` installs Debian's chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.mark.slow
def test_e2e_keyboard_review_persists(run_dir, tmp_path, browser):
    db = tmp_path / "review.db"
    store = ReviewStore(db)
    run_id = store.load_run(run_dir)
    pk = {f["flag_id"]: f["id"] for f in store.flags(run_id)}
    first_three = [pk[f] for f in ORDER[:3]]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))

    with LiveServer(create_app(store, run_id=run_id)) as server:
        page.goto(server.url + "/")
        assert "/reviewer" in page.url  # asked for a name on first visit
        page.fill("#reviewer-input", "alice")
        with page.expect_navigation():
            page.click("#reviewer-submit")
        assert page.url == server.url + "/"
        assert page.inner_text("#reviewer-name") == "alice"

        page.keyboard.press("?")  # the help overlay
        assert page.is_visible("#help")
        page.keyboard.press("Escape")
        assert not page.is_visible("#help")

        page.keyboard.press("j")  # select the first row of the queue, open it
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"/flags/{first_three[0]}")

        for i, key in enumerate(["a", "x", "a"]):
            with page.expect_navigation():
                page.keyboard.press(key)
            assert page.url.endswith(f"/flags/{first_three[i]}")
            expected = "accepted" if key == "a" else "rejected"
            assert page.get_attribute("#my-status", "data-status") == expected
            if i < 2:
                with page.expect_navigation():
                    page.keyboard.press("j")
                assert page.url.endswith(f"/flags/{first_three[i + 1]}")

        page.keyboard.press("n")  # n focuses the note field; shortcuts are off while typing
        assert page.evaluate("document.activeElement.id") == "note"
        page.keyboard.type("ax")
        assert page.input_value("#note") == "ax" and page.url.endswith(f"/flags/{first_three[2]}")
        page.keyboard.press("Escape")

        page.reload()
        assert page.get_attribute("#my-status", "data-status") == "accepted"
        assert "3 of 9 reviewed" in " ".join(page.inner_text("#progress").split())
        page.goto(server.url + "/")
        statuses = {int(row.get_attribute("data-flag")): row.get_attribute("data-status")
                    for row in page.query_selector_all("#queue tbody tr")}
        assert [statuses[p] for p in first_three] == ["accepted", "rejected", "accepted"]

        # document text stays inert: no script ran, the raw HTML is text, not elements
        page.goto(server.url + f"/flags/{pk['c1~c4']}")
        assert page.query_selector("b[onmouseover]") is None
        assert SCRIPT in page.inner_text("#target")
        page.hover("mark.hl-claim2")

        page.goto(server.url + f"/flags/{first_three[0]}")
        shot = tmp_path / "review.png"
        page.screenshot(path=str(shot), full_page=True)

    current = store.current_decisions(run_id)
    assert [current[(p, "alice")]["status"] for p in first_three] == ["accepted", "rejected", "accepted"]
    assert len(store.history(run_id=run_id)) == 3
    store.close()

    # a restart: a new store on the same file, a new server; the cookie still names alice
    store = ReviewStore(db)
    with LiveServer(create_app(store)) as server:
        page.goto(server.url + f"/flags/{first_three[1]}")
        assert page.get_attribute("#my-status", "data-status") == "rejected"
        assert "alice" in page.inner_text("#decide")
    store.close()
    context.close()

    assert dialogs == [] and errors == []
    target = REPO / "tests" / "review" / "artifacts" / "review.png"  # kept with the test output, not committed
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, target)
    assert shot.stat().st_size > 10_000
