"""Team review in the reader: contested claims are marked, with who said what, and
reachable with } and {; the adjudicator's S makes a verdict final; on PostgreSQL another
reviewer's verdict shows up in an open article by itself (LISTEN/NOTIFY in a worker thread),
and a server that goes away leaves the article readable."""

from __future__ import annotations

import time

from newsreader.config import Config
from newsreader.store.reviews import ReviewStore
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.widgets.panel_list import PanelList
from newsreader.ui.widgets.side_panel import SidePanel

SIZE = (120, 40)


async def ready_screen(app, pilot) -> ArticleScreen:
    for _ in range(400):
        await pilot.pause(0.05)
        screen = app.screen
        if isinstance(screen, ArticleScreen) and screen.session is not None and screen.claims:
            if screen.current_claim() is not None:  # the claim list is filled
                return screen
    raise AssertionError("the article never opened")


def row_text(screen, claim_id: str) -> str:
    lst = screen.query_one("#claims-list", PanelList)
    return str(lst.rows[lst.index_of(f"claim:{claim_id}")].content)


async def test_contested_claims_show_who_said_what_and_brackets_reach_them(make_app, sample_article, sample_doc):
    with ReviewStore(reviewer="ann") as ann, ReviewStore(reviewer="bob") as bob:
        third, fifth = sample_doc.claims[2], sample_doc.claims[4]
        for claim in (third, fifth):
            ann.set_status(sample_doc, claim, "supported")
            bob.set_status(sample_doc, claim, "false")
        app = make_app(sample_article, reviews=ann)
        async with app.run_test(size=SIZE) as pilot:
            screen = await ready_screen(app, pilot)
            text = row_text(screen, third.id)
            assert "contested" in text and "ann" in text and "bob" in text and "supported" in text
            assert "contested" in str(screen.query_one("#claims-progress").render())
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            assert screen.current_claim().id == third.id
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            assert screen.current_claim().id == fifth.id
            await pilot.press("left_curly_bracket")
            await pilot.pause()
            assert screen.current_claim().id == third.id

            await pilot.press("S")  # Ann settles with her own verdict
            await pilot.pause()
            assert screen.reviews[third.id].state == "settled"
            assert "settled by ann" in row_text(screen, third.id)
            assert bob.reviews(sample_doc)[third.id].status == "supported"
            await pilot.press("z")
            await pilot.pause()
            assert screen.reviews[third.id].state == "contested"


async def test_settling_needs_ones_own_verdict_first(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready_screen(app, pilot)
        screen.query_one(SidePanel).select_claim(screen.claims[0].id)
        await pilot.press("S")
        await pilot.pause()
        assert screen.claims[0].id not in screen.reviews
        assert any("Give your verdict first" in n.message for n in app._notifications)


async def test_contested_keys_say_so_when_everyone_agrees(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await ready_screen(app, pilot)
        for key in ("right_curly_bracket", "left_curly_bracket"):
            await pilot.press(key)
            await pilot.pause()
        assert sum("No contested claims" in str(n.message) for n in app._notifications) >= 1


async def test_another_reviewers_verdict_appears_within_two_seconds(pg_url, cache, sample_article, sample_doc):
    from newsreader.ui.app import NewsreaderApp

    ann, bob = ReviewStore(url=pg_url, reviewer="ann"), ReviewStore(url=pg_url, reviewer="bob")
    app = NewsreaderApp(sample_article, cache=cache, reviews=ann, config=Config())
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await ready_screen(app, pilot)
            for _ in range(200):
                if screen.listening.is_set():
                    break
                await pilot.pause(0.05)
            assert screen.listening.is_set(), "the reader listens for other reviewers"
            first, second = screen.claims[0], screen.claims[1]
            await pilot.press("s")  # Ann: supported (the selection moves on to the second claim)
            await pilot.pause()

            started = time.monotonic()
            bob.set_status(sample_doc, first, "false")  # Bob, elsewhere
            while time.monotonic() - started < 5:
                await pilot.pause(0.05)
                review = screen.reviews.get(first.id)
                if review is not None and review.verdict_of("bob") is not None:
                    break
            elapsed = time.monotonic() - started
            assert elapsed < 2, f"Bob's verdict took {elapsed:.2f}s to appear"
            assert screen.reviews[first.id].state == "contested"
            assert "contested" in row_text(screen, first.id)
            assert "ann" in row_text(screen, first.id) and "bob" in row_text(screen, first.id)

            # } jumps to the contested claim, from anywhere.
            assert screen.current_claim().id == second.id
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            assert screen.current_claim().id == first.id
    finally:
        ann.close()
        bob.close()


async def test_the_reader_keeps_reading_and_never_shows_an_unsaved_review(
    own_server, cache, sample_article, sample_doc
):
    from newsreader.ui.app import NewsreaderApp
    from tests.unit.test_review_server_away import SECRET, with_password

    store = ReviewStore(url=with_password(own_server), reviewer="ann")
    app = NewsreaderApp(sample_article, cache=cache, reviews=store, config=Config())
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await ready_screen(app, pilot)
            first = screen.current_claim()
            own_server.stop("immediate")
            await pilot.press("s")
            await pilot.pause()
            assert app.is_running and first.id not in screen.reviews, "not saved, so not shown as saved"
            assert any("Could not save the review" in n.message for n in app._notifications)
            assert not any(SECRET in n.message for n in app._notifications)
            await pilot.press("j", "j", "pagedown")  # reading goes on
            await pilot.pause()
            own_server.start()
            screen.query_one(SidePanel).select_claim(first.id)
            await pilot.press("s")  # the repository reconnects by itself
            await pilot.pause()
            assert screen.reviews[first.id].status == "supported"
    finally:
        store.close()
