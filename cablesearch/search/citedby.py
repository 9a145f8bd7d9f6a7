"""Cables as the references graph and `show` need them: each one's card, and the indexed
cables citing it, read through the engine (`engine.citedby` reads the `references`
postings backwards)."""

from __future__ import annotations

from cablesearch.engine import Engine, term
from cablesearch.search.refgraph import CableCard


class Citations:
    """Cables as the references graph and `show` need them, over one engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Cards read so far (the engine's index does not change): a graph meets a cable
        # as a citer and again as a node.
        self._cards: dict[str, CableCard | None] = {}
        self._counts: dict[str, int] = {}

    def _first(self, cable_id: str) -> int | None:
        """The first paragraph document of an indexed cable, None if not indexed."""
        docs = self._engine.docs_of(term("cable", cable_id))
        return min(docs) if docs else None

    def _card_of(self, doc: int) -> CableCard:
        fields = self._engine.stored(doc)
        created = self._engine.column(doc, "created")
        return CableCard(
            id=fields["cable"],
            subject=fields.get("subject"),
            created=created.isoformat(timespec="minutes") if created else None,
            origin=fields.get("origin"),
            references=tuple((fields.get("references") or "").split()),
        )

    def card(self, cable_id: str) -> CableCard | None:
        """The indexed cable's card, None when the index does not hold it."""
        cable_id = cable_id.strip().upper()
        if cable_id not in self._cards:
            first = self._first(cable_id)
            self._cards[cable_id] = None if first is None else self._card_of(first)
        return self._cards[cable_id]

    def citing(self, cable_id: str) -> tuple[CableCard, ...]:
        """The indexed cables whose REF lines name `cable_id`, oldest first."""
        cards = [self._card_of(doc) for doc in self._engine.citing_docs(cable_id)]
        self._cards.update((card.id, card) for card in cards)
        return tuple(sorted(cards, key=lambda card: (card.created or "9999", card.id)))

    def citers(self, cable_id: str) -> list[str]:
        return [card.id for card in self.citing(cable_id)]

    def count(self, cable_id: str) -> int:
        """How many indexed cables cite `cable_id` (no stored fields read)."""
        if cable_id not in self._counts:
            self._counts[cable_id] = len(self._engine.citing_docs(cable_id))
        return self._counts[cable_id]
