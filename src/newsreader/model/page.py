"""A fetched web page as the fetched-page cache keeps it: what the server sent and what
was extracted from it (shared by ``ingest``, which makes and reads them, and ``store``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class FetchedPage:
    """One cached URL: the response and the extraction made from it."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    extractor: str
    extraction: dict[str, Any]
    fetched: float


class PageStore(Protocol):
    """Where fetched pages are kept so a URL opens again offline (``store.FetchedCache``)."""

    def get(self, url: str) -> FetchedPage | None: ...

    def put(self, page: FetchedPage) -> None: ...
