"""Reviews follow the text (issue 23, item 6): opening a later version of a reviewed article
carries each review to the same claim, flags a changed claim, and says so."""

from __future__ import annotations

from newsreader.analysis import parse_article
from newsreader.model import RawArticle
from newsreader.service.versions import open_versions
from newsreader.store.versions import Fetch

OLD = (
    "Repairs to the Kursk bridge will cost $5.6 billion, the ministry said on Tuesday.\n"
    "Work is due to start in March, the ministry said."
)
NEW = (
    "Repairs to the Kursk bridge will cost $5.9 billion, the ministry said on Tuesday.\n"
    "Work is due to start in March, the ministry said."
)


async def test_a_later_version_opens_with_the_earlier_reviews_carried_and_flagged(make_app, cache, reviews):
    old = parse_article(RawArticle("Bridge", "2024-05-01", OLD, "https://example.org/bridge"))
    new = parse_article(RawArticle("Bridge", "2024-05-01", NEW, "https://example.org/bridge"))
    versions, _ = open_versions()
    for doc in (old, new):
        versions.record(Fetch("https://example.org/bridge", doc.source, doc.title, doc.published, doc.text, doc.id))
    versions.close()
    for claim in old.claims:
        reviews.set_status(old, claim, "supported")
    cache.put_many([old, new], "p")
    app = make_app(RawArticle("Bridge", "2024-05-01", NEW, "https://example.org/bridge"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # carried by the versions worker, off the UI thread
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("1 carried" in m and "1 flagged (claim changed in version 2: review again)" in m for m in shown)
        session = app.screen.session
        work = next(c for c in session.claims if c.text.startswith("Work is due"))
        figure = next(c for c in session.claims if "$5.9 billion" in c.text)
        assert session.status(work.id) == "supported"
        assert session.status(figure.id) is None
        assert session.note(figure.id).startswith("claim changed in version 2: review again (version 1 was supported")
