"""Regenerate the screenshots of the HTML report shown in the README.

    python scripts/screenshots.py [--out docs/images] [--story FILE --name NAME ...]

By default: the seed story, ../shared/stories/the-apology.txt -> the-apology.png (its
reading view, a quotation hovered), and Pride and Prejudice from ../shared/pdnc ->
pride-and-prejudice.png (the top of the page: cast and network).  Each report is written to
a temporary folder, opened in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; no browser is downloaded) at 1280 x 900, and the view is saved as
a PNG (recompressed by Pillow,
if installed).  Needs: pip install playwright; apt-get install chromium.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import storycast  # noqa: E402
from storycast.exporters import export  # noqa: E402

SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
# (story, PNG name, metadata to add, quotation to hover: None for the top of the page)
DEFAULTS = [
    (SHARED / "stories" / "the-apology.txt", "the-apology", {}, "q4"),
    (SHARED / "pdnc" / "data" / "PrideAndPrejudice" / "novel_text.txt", "pride-and-prejudice",
     {"title": "Pride and Prejudice", "authors": ["Jane Austen"], "published": "1813"}, None),
]


def launch(playwright, user_data_dir: str):
    """A headless Chromium context with the flags this project runs it with."""
    return playwright.chromium.launch_persistent_context(
        user_data_dir, executable_path=CHROMIUM, headless=True, args=FLAGS,
        viewport=VIEWPORT, device_scale_factor=1)


def optimise(png: Path) -> None:
    """Recompress the PNG, losslessly, with Pillow's optimiser when Pillow is installed."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        image.load()
    image.save(png, optimize=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    p.add_argument("--story", type=Path, action="append", default=[],
                   help="a story to screenshot instead of the defaults (repeatable)")
    p.add_argument("--name", action="append", default=[],
                   help="the PNG's name for each --story, without .png")
    args = p.parse_args(argv)
    jobs = [(s, n, {}, None) for s, n in
            zip(args.story, args.name or [s.stem for s in args.story])] if args.story else DEFAULTS
    missing = [str(s) for s, _, _, _ in jobs if not s.is_file()]
    if missing:
        sys.exit(f"no such story: {', '.join(missing)}")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = launch(pw, str(Path(tmp) / "profile"))
        for story, name, metadata, hover in jobs:
            doc = storycast.analyze(story)
            doc.metadata.update(metadata)
            page_path = export(doc, Path(tmp) / f"{name}.html")
            page = browser.new_page()
            page.goto(page_path.as_uri())
            if hover:
                # the first quotation near the top, then the mouse on the one to show
                page.locator("#q1").evaluate("e => window.scrollTo(0, e.getBoundingClientRect()"
                                             ".top + window.scrollY - 130)")
                page.locator(f"#{hover}").hover()
            png = args.out / f"{name}.png"
            page.screenshot(path=str(png))
            page.close()
            optimise(png)
            print(f"{png} ({png.stat().st_size // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
