"""The review keys of the article screen (``ui/bindings.py`` has the keys): a status or
none, a note, undo, the next or previous unreviewed claim, mark a claim, dismiss one,
and export. :class:`ArticleScreen` is this class plus reading, movement and search; what
reviewing does to the store is :class:`newsreader.service.ReviewSession`'s business.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen
from textual.style import Style

from ...lazy import lazy_import
from ...model import Claim, Document, RawArticle, Review
from ...service.review import ReviewSession, sentence_at
from .. import render
from ..widgets.article_body import ArticleBody
from ..widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from ..app import NewsreaderApp
    from . import export as export_screen
    from . import note as note_screen
else:
    # The dialogs (and the exporters behind ctrl+s) load when first opened, not with the article.
    export_screen = lazy_import("newsreader.ui.screens.export")
    note_screen = lazy_import("newsreader.ui.screens.note")

T = TypeVar("T")


class ReviewActions(Screen[None]):
    """The reviewing half of the article screen (set up by :class:`ArticleScreen`)."""

    article: RawArticle
    doc: Document | None
    session: ReviewSession | None
    _hits: list[tuple[int, int]]  # search matches; ``m`` marks the current one
    _hit: int

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    @property
    def claims(self) -> list[Claim]:
        """The claims under review (the analysis' until the document and reviews are in)."""
        return self.session.claims if self.session is not None else []

    @property
    def reviews(self) -> dict[str, Review]:
        return self.session.reviews if self.session is not None else {}

    def current_claim(self) -> Claim | None:
        if self.session is None:
            return None
        return self.session.claim(self.query_one(SidePanel).current_claim_id())

    def _refresh_reviews(self, keep: str | None = None) -> None:
        """Claim rows, gutter bars and the progress count after any review change."""
        if self.doc is None:
            return
        pal = self.nr.palette()
        panel = self.query_one(SidePanel)
        panel.show_claims(self.doc, self.claims, self.reviews, pal, keep=keep)
        session = self.session
        bars = []
        for claim in self.claims:
            color = pal.status(session.status(claim.id)) if session is not None else None
            if session is not None and session.contested(claim.id):
                color = pal["nr-anonymous"]
            bars.append((claim.start, claim.end, Style(foreground=color) if color else Style(dim=True)))
        self.query_one(ArticleBody).set_claim_bars(bars)
        if session is not None and session.claims:
            panel.show_progress(render.progress_content(*session.progress(), pal, session.contested_count()))
        else:
            panel.show_progress(render.plain("No claims to review", Style(dim=True)))
        current = self.current_claim()
        if current is not None and panel.active_tab == "claims":
            self.query_one(ArticleBody).set_selection((current.start, current.end))

    # -- review ------------------------------------------------------------------------
    def _session_ready(self) -> ReviewSession | None:
        if self.session is None:
            self.notify("The article is still being analysed.", severity="warning", markup=False)
            return None
        if not self.session.can_save:
            self.notify("Reviews can't be saved: the review store could not be opened.", severity="error", markup=False)
            return None
        return self.session

    def _claim_ready(self) -> tuple[ReviewSession, Claim] | None:
        session = self._session_ready()
        if session is None:
            return None
        claim = self.current_claim()
        if claim is None:
            self.notify("No claim selected.", severity="warning", markup=False)
            return None
        return session, claim

    def _save(self, call: Callable[..., T], *args: Any) -> tuple[bool, T | None]:
        """One review change; a failure (read-only or broken store) is a notification."""
        try:
            return True, call(*args)
        except Exception as exc:  # noqa: BLE001 - the reader keeps running; the reviewer is told
            self.notify(f"Could not save the review: {exc}", title="Reviews", severity="error", timeout=8, markup=False)
            return False, None

    def action_review(self, status: str | None) -> None:
        ready = self._claim_ready()
        if ready is None:
            return
        session, claim = ready
        if not self._save(session.set_status, claim, status)[0]:
            return
        advance = status is not None and self.nr.config.advance_after_review
        following = session.claim_after(claim) if advance else None
        self._refresh_reviews(keep=(following or claim).id)
        self._follow_current_claim()
        if following is not None and not self.nr.told_advance:
            self.nr.told_advance = True  # once per run: the help says it too
            self.notify(
                f"Marked {status}; the next claim is selected now, and the next key acts on it "
                "(advance_after_review = false in config.toml keeps the claim)",
                title="Review",
                timeout=6,
                markup=False,
            )

    def _follow_current_claim(self) -> None:
        claim = self.current_claim()
        if claim is not None:
            self.query_one(ArticleBody).go_to(claim.start, claim.end, flash=False)

    def action_note(self) -> None:
        ready = self._claim_ready()
        if ready is None:
            return
        session, claim = ready

        def save(note: str | None) -> None:
            if note is not None and self._save(session.set_note, claim, note)[0]:
                self._refresh_reviews(keep=claim.id)

        self.app.push_screen(note_screen.NoteScreen(claim.text, session.note(claim.id)), save)

    def action_undo(self) -> None:
        session = self._session_ready()
        if session is None:
            return
        saved, review = self._save(session.undo)
        if not saved:
            return
        if review is None:
            self.notify("Nothing to undo.", markup=False)
            return
        keep = review.claim_id if session.claim(review.claim_id) is not None else None
        self._refresh_reviews(keep=keep)
        self._follow_current_claim()
        self.notify(f"Undone: {render.clip(review.claim_text, 60)}", timeout=3, markup=False)

    def action_unreviewed(self, step: int) -> None:
        if not self.claims or self.session is None:
            self.notify("No claims in this article.", markup=False)
            return
        claim = self.session.next_unreviewed(self.current_claim(), step)
        if claim is None:
            self.notify("Every claim is reviewed.", title="Review", markup=False)
            return
        self.query_one(SidePanel).set_tab("claims")
        self.query_one(SidePanel).select_claim(claim.id)
        self.query_one(ArticleBody).go_to(claim.start, claim.end)

    def action_contested(self, step: int) -> None:
        if not self.claims or self.session is None:
            self.notify("No claims in this article.", markup=False)
            return
        claim = self.session.next_contested(self.current_claim(), step)
        if claim is None:
            self.notify("No contested claims: the reviewers agree on every claim.", title="Review", markup=False)
            return
        self.query_one(SidePanel).set_tab("claims")
        self.query_one(SidePanel).select_claim(claim.id)
        self.query_one(ArticleBody).go_to(claim.start, claim.end)

    def action_settle(self) -> None:
        ready = self._claim_ready()
        if ready is None:
            return
        session, claim = ready
        if session.own_status(claim.id) is None:
            self.notify(
                "Give your verdict first (s, x, f or v); S then makes it the final one.",
                title="Settle",
                severity="warning",
                markup=False,
            )
            return
        saved, review = self._save(session.settle, claim)
        if not saved or review is None:
            return
        self._refresh_reviews(keep=claim.id)
        self.notify(f"Settled: {review.status} (z to undo)", title="Review", timeout=4, markup=False)

    def action_mark_claim(self) -> None:
        session = self._session_ready()
        if session is None:
            return
        existing = None
        if self._hit >= 0:  # the search match: a span the reviewer chose, marked as it is
            start, end = self._hits[self._hit]
        else:
            here = self.query_one(ArticleBody).cursor_offset()
            start, end = sentence_at(self.article.text, here)
            existing = session.holding(here, here + 1)
        if end <= start:
            self.notify("Nothing to mark here.", severity="warning", markup=False)
            return
        if existing is not None:
            # Already a claim (with its source): select it rather than add a copy without one.
            panel = self.query_one(SidePanel)
            panel.set_tab("claims")
            panel.select_claim(existing.id)
            self.query_one(ArticleBody).go_to(existing.start, existing.end)
            self.notify(f"Already a claim: {render.clip(existing.text, 60)}", timeout=3, markup=False)
            return
        saved, claim = self._save(session.mark, start, end)
        if not saved or claim is None:
            return
        self.query_one(SidePanel).set_tab("claims")
        self._refresh_reviews(keep=claim.id)
        self._refresh_sources()
        self.query_one(ArticleBody).go_to(claim.start, claim.end)
        self.notify(f"Marked as a claim: {render.clip(claim.text, 60)}", timeout=3, markup=False)

    def action_dismiss_claim(self) -> None:
        ready = self._claim_ready()
        if ready is None:
            return
        session, claim = ready
        following = session.claim_after(claim)
        if not self._save(session.dismiss, claim)[0]:
            return
        self._refresh_reviews(keep=following.id if following else None)
        self._refresh_sources()
        self.notify(f"Dismissed: {render.clip(claim.text, 60)} (z to undo)", timeout=4, markup=False)

    def _refresh_sources(self) -> None:
        self.query_one(SidePanel).refresh_sources(self.claims)

    def action_export(self) -> None:
        if self.session is None:
            self.notify("The article is still being analysed.", severity="warning", markup=False)
            return

        def done(path: Any) -> None:
            if path is not None:
                self.notify(f"Saved {path}", title="Export", markup=False)

        self.app.push_screen(export_screen.ExportScreen(self.session, self.app.theme), done)
