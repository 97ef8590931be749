"""Which paragraphs of the Global Voices texts in the mainstream set were blockquotes.

The set's texts are plain, as extracted text looks (GUIDE.md): a blockquote became its own
paragraph with nothing to mark it. The pages themselves said which paragraphs were set
off. This script reads the Global Voices WordPress export the texts came from and writes
``tests/data/mainstream/markup.jsonl``: per article, the opening words of each paragraph
that stood inside a ``<blockquote>``. ``eval_mainstream.py --markup`` then marks those
paragraphs the way newsreader's HTML, feed and Markdown ingest mark a blockquote
(a ``> `` line, SPEC §1) and scores what the markup adds.

The export (CC BY 3.0) is ``data/full/globalvoicesonline.wordpress.2012-may.xml`` in the
GitHub repository OpenGenderTracking/globalvoices, commit 3f146b51:

    .venv/bin/python benchmarks/mainstream_markup.py path/to/globalvoicesonline.wordpress.2012-may.xml
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "mainstream"
ATTRIBUTION = ROOT / "tests" / "data" / "ATTRIBUTION.md"
sys.path.insert(0, str(ROOT / "src"))

from newsreader.analysis.paragraphs import paragraphs  # noqa: E402

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
KEY_WORDS = 8  # a paragraph is known by its first eight words
_LINE = re.compile(r"^- `([a-z]\d\d-[^`]+\.txt)`: .*?(https?://globalvoicesonline\.org/\S+?),", re.M)


def _words(text: str) -> list[str]:
    return re.sub(r"[\u201c\u201d\u2018\u2019\"']", "", text).split()


def paragraph_key(text: str) -> str:
    return " ".join(_words(text)[:KEY_WORDS])


def quoted_paragraphs(content: str) -> list[str]:
    """The text of each paragraph inside a ``<blockquote>`` of a WordPress post body
    (paragraphs are blank-line or newline separated in the export, or ``<p>`` elements)."""
    root = lxml_html.fragment_fromstring(content, create_parent="div")
    out: list[str] = []
    for quote in root.iter("blockquote"):
        for block in quote.iter("p", "div", "li", "br"):
            block.tail = "\n" + (block.tail or "")
        out += [" ".join(line.split()) for line in quote.text_content().split("\n") if line.strip()]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", type=Path, help="the Global Voices WordPress export (XML)")
    args = parser.parse_args(argv)
    posts = {
        (item.findtext("link") or "").rstrip("/"): item.findtext(CONTENT) or ""
        for item in etree.parse(str(args.export)).iter("item")
    }
    rows = []
    for name, url in _LINE.findall(ATTRIBUTION.read_text(encoding="utf-8")):
        content = posts.get(url.rstrip("/"))
        if content is None or not (SET / name).exists():
            continue
        quoted = {paragraph_key(p) for p in quoted_paragraphs(content) if len(_words(p)) >= 2}
        text = (SET / name).read_text(encoding="utf-8")
        keys = [paragraph_key(text[lo:hi]) for lo, hi in paragraphs(text).spans]
        rows.append({"file": name, "blockquote": [k for k in keys if k in quoted]})
    out = SET / "markup.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: {len(rows)} articles, {sum(len(r['blockquote']) for r in rows)} quoted paragraphs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
