"""Two versions of one article, kept without the network: issue 23's acceptance pair (a
figure revised, a quote removed, the anonymous official named), recorded straight into the
version store of the test's NEWSREADER_HOME and parsed into a document cache."""

from __future__ import annotations

from newsreader.model import Document, RawArticle
from newsreader.service.documents import open_document
from newsreader.store import DocumentCache
from newsreader.store.versions import Fetch, VersionStore

URL = "https://example.org/kursk-bridge"
TITLE = "Bridge repairs"
PUBLISHED = "2024-05-01"
V1 = [
    "Repairs to the Kursk bridge will cost $5.6 billion, the ministry said on Tuesday.",
    '"We will not cut corners on safety," a senior official said.',
    '"The schedule is tight, but we will meet it," the official added.',
    "Work is due to start in March and end in 2027.",
]
V2 = [
    "Repairs to the Kursk bridge will cost $5.9 billion, the ministry said on Tuesday.",
    '"We will not cut corners on safety," said Jane Doe, a senior official at the ministry.',
    "Work is due to start in March and end in 2027.",
]


def article(paragraphs: list[str]) -> RawArticle:
    return RawArticle(title=TITLE, published=PUBLISHED, text="\n".join(paragraphs), source=URL)


def keep_two_versions(cache: DocumentCache) -> tuple[Document, Document]:
    """Version 1 and version 2 kept (fetched an hour apart) and both parsed into ``cache``."""
    docs = []
    with VersionStore() as store:
        for n, paragraphs in enumerate((V1, V2), 1):
            doc = open_document(article(paragraphs), cache)
            store.record(Fetch(URL, URL, TITLE, PUBLISHED, doc.text, doc.id, fetched=1_714_550_400.0 + 3600 * n))
            docs.append(doc)
    return docs[0], docs[1]
