"""The HTML report in a real browser: Debian's Chromium, driven by Playwright.

Skipped, with the reason, where /usr/bin/chromium or the playwright package is missing
(`apt-get install chromium`; `pip install playwright`: no browser is downloaded).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from documents import IMG, SCRIPT, hostile_document
from storycast.exporters import export

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(),
                                reason=f"{CHROMIUM} is absent (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module, with a fresh profile."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


class Visit:
    """A page of the browser opened on a file, recording what it tried to do."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.url = path.as_uri()

        def only_the_page(route):
            self.requests.append(route.request.url)
            if route.request.url == self.url:
                route.continue_()
            else:
                route.abort()

        self.page.route("**/*", only_the_page)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(path: Path) -> Visit:
        opened.append(Visit(browser, path))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def assert_clean(v: Visit) -> None:
    assert v.errors == []
    assert v.requests == [v.url]  # nothing but the page itself: no network at all
    assert v.dialogs == []


def test_seed_report_loads_hovers_highlights(apology, visit, tmp_path):
    v = visit(export(apology, tmp_path / "the-apology.html"))
    page = v.page
    assert page.locator(".q[tabindex='0']").count() == 44
    page.locator("#q4").hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    q4 = apology.quotes[3]  # the tip shows the analysis's own confidence, in per cent
    assert tip.inner_text().splitlines() == [
        "Spike to Harmony, Buffy", f"explicit quote, confidence {round(100 * q4.confidence)}%"]
    page.screenshot(path=str(tmp_path / "the-apology.png"))
    assert (tmp_path / "the-apology.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_clean(v)


def test_crypt_report_in_the_browser(crypt, visit, tmp_path):
    v = visit(export(crypt, tmp_path / "crypt.html"))
    page = v.page
    assert page.title() == "The Crypt · storycast"
    # hover shows the speaker
    page.locator("#q2").hover()
    assert page.locator("#tip").inner_text().startswith("Buffy to Spike")
    page.mouse.move(0, 0)
    assert page.locator("#tip").is_hidden()
    # keyboard focus shows it too
    page.locator("#q1").focus()
    assert page.locator("#tip").inner_text().startswith("Spike to Buffy")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q2"
    assert page.locator("#tip").inner_text().startswith("Buffy to Spike")
    page.keyboard.press("Escape")
    assert page.locator("#tip").is_hidden()
    # clicking a character highlights their lines, and says so
    button = page.locator("#reading button.who[data-highlight='c1']")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    highlighted = page.locator("#story .q.hl:not(.more)")
    assert highlighted.count() == 7
    assert {highlighted.nth(i).get_attribute("data-speaker") for i in range(7)} == {"Spike"}
    assert page.locator("#status").inner_text() == "Highlighting 7 lines spoken by Spike."
    page.screenshot(path=str(tmp_path / "crypt-highlight.png"))
    button.click()  # again: back to every speaker
    assert page.locator("#story .q.hl").count() == 0
    assert page.locator("#status").inner_text() == ""
    # a node of the network highlights too, from the keyboard
    page.locator("svg.network .node[data-highlight='c2']").focus()
    page.keyboard.press("Enter")
    assert page.locator("#story .q.hl:not(.more)").count() == 5
    page.locator("#clear").click()
    assert page.locator("#story .q.hl").count() == 0
    # the speaker names can be hidden, and come back
    page.locator("#show-badges").uncheck()  # still there for screen readers, 1 px wide
    assert page.locator("#q1 .badge").bounding_box()["width"] <= 1
    page.locator("#show-badges").check()
    assert page.locator("#q1 .badge").bounding_box()["width"] > 20
    assert page.locator("#q1 .badge").inner_text().startswith("Spike")
    assert_clean(v)


def test_hostile_story_renders_as_text_and_runs_nothing(visit, tmp_path):
    v = visit(export(hostile_document(), tmp_path / "hostile.html"))
    page = v.page
    assert page.locator("h1").inner_text() == f"</title>{SCRIPT}"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    assert page.locator("#q1").inner_text().endswith(f'"{SCRIPT}"')
    assert page.locator("#q2").get_attribute("data-speaker") == IMG
    assert IMG in page.locator("#story").inner_text()
    page.locator("#q2").hover()
    assert page.locator("#tip").inner_text().splitlines()[0] == f"{IMG} to {SCRIPT}"
    page.locator("#cast button.who[data-highlight='c1']").click()
    assert page.locator("#status").inner_text() == f"Highlighting 1 line spoken by {SCRIPT}."
    page.screenshot(path=str(tmp_path / "hostile.png"))
    assert_clean(v)


def test_a_phone_gets_one_column(crypt, browser, tmp_path):
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(export(crypt, tmp_path / "crypt.html").as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing wider than the screen but inside its own scroller
        cast = page.locator("#cast").bounding_box()
        network = page.locator("#network").bounding_box()
        assert network["y"] >= cast["y"] + cast["height"]  # stacked, not side by side
        page.screenshot(path=str(tmp_path / "phone.png"))
    finally:
        page.close()


def test_hostile_story_file_through_the_analysis(visit, tmp_path):
    import storycast

    story = tmp_path / "hostile.txt"
    story.write_text(f"{SCRIPT} The door opened. {IMG}\n\n"
                     f"\"Hello {SCRIPT},\" said Anna. \"{IMG}\"\n\n"
                     f"\"Go away,\" said Boris.\n", encoding="utf-8")
    v = visit(export(storycast.analyze(story), tmp_path / "hostile-story.html"))
    text = v.page.locator("#story").inner_text()
    assert SCRIPT in text and IMG in text
    assert v.page.locator("img").count() == 0
    assert_clean(v)
