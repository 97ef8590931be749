"""Keep the README current from the app itself: the key tables (from the bindings table,
as the help screen and the footer are) and the screenshot (the reader on the bundled sample).

    .venv/bin/python scripts/readme_assets.py            # rewrite both
    .venv/bin/python scripts/readme_assets.py --keys     # only the key tables

The screenshot is Textual's SVG of a 120x40 screen, turned into docs/screenshot.png with
``rsvg-convert`` (Debian's librsvg2-bin) when it is installed; the SVG is kept beside it.
``tests/unit/test_readme.py`` fails when the README's key tables are not what this writes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
BEGIN, END = "<!-- keys:begin (scripts/readme_assets.py) -->", "<!-- keys:end -->"


def with_keys(readme: str, table: str) -> str:
    """The README text with the block between the markers replaced by ``table``."""
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    if not rest:
        raise SystemExit(f"{README}: no {BEGIN!r} marker")
    return f"{head}{BEGIN}\n{table}{END}{tail}"


def write_keys() -> None:
    from newsreader.ui.bindings import keys_markdown

    README.write_text(with_keys(README.read_text(encoding="utf-8"), keys_markdown()), encoding="utf-8")


async def _screenshot(svg: Path) -> None:
    from newsreader.analysis.version import pipeline_version
    from newsreader.config import Config
    from newsreader.service import documents_for, read_input, sample_path
    from newsreader.store import DocumentCache
    from newsreader.store.reviews import ReviewStore
    from newsreader.ui.app import NewsreaderApp

    article = read_input(str(sample_path()))
    cache, reviews = DocumentCache(), ReviewStore()
    doc = next(iter(documents_for([article], cache)))
    cache.put(doc, pipeline_version(Config().model))
    claims = reviews.claims(doc)
    reviews.set_status(doc, claims[0], "supported")
    reviews.set_status(doc, claims[2], "disputed")
    app = NewsreaderApp(article, cache=cache, reviews=reviews, config=Config(advance_after_review=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        app.save_screenshot(svg.name, str(svg.parent))


def write_screenshot() -> None:
    DOCS.mkdir(exist_ok=True)
    svg = DOCS / "screenshot.svg"
    with tempfile.TemporaryDirectory() as home:
        os.environ["NEWSREADER_HOME"] = home
        asyncio.run(_screenshot(svg))
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print("rsvg-convert not found (apt-get install librsvg2-bin): kept only the SVG", file=sys.stderr)
        return
    subprocess.run([converter, str(svg), "-o", str(DOCS / "screenshot.png")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", action="store_true", help="only rewrite the key tables")
    args = parser.parse_args()
    write_keys()
    if not args.keys:
        write_screenshot()


if __name__ == "__main__":
    main()
