"""Start-up is kept fast on purpose: what the first frame does not need is imported on
first use, and this is the one way to say so.

A module that defers an import names it at its top::

    if TYPE_CHECKING:
        from . import html            # type checkers see the real module
    else:
        html = lazy_import("newsreader.ingest.html")

and uses ``html.extract_html(...)`` as usual: the import happens at the first attribute
access. Function bodies never import. What is kept off the start path, and why:

- spaCy and the analysis pipeline (~1.5 s): only when a document is parsed
  (``newsreader.analysis``' module ``__getattr__`` and ``analysis/nlp.py``);
- the HTML extractor (trafilatura, lxml, htmldate: ~150 ms), the HTTP client's ssl and
  http.client (~45 ms), Markdown (markdown-it), dateparser: only for such inputs;
- the app's screens other than the first one, and Textual itself for commands that
  draw no screen (``parse``, ``export``, ``cache``, ``config``);
- rich's progress bar and ``importlib.resources`` (only for batch work, a zipped install).

``tests/unit/test_startup.py`` checks that opening a cached article imports none of them.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

__all__ = ["lazy_import"]


class _LazyModule(ModuleType):
    """Stands for a module until an attribute is read, then hands over to the real one."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__dict__["_lazy_target"] = name

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self.__dict__["_lazy_target"])
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__dict__['_lazy_target']!r}>"


def lazy_import(name: str) -> ModuleType:
    """The module ``name`` (absolute), imported when first used; at once if already loaded."""
    loaded = sys.modules.get(name)
    return loaded if loaded is not None else _LazyModule(name)
