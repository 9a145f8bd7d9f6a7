"""NOT x on its own: matched by Whoosh; nothing of it is highlighted (it is what a match
lacks)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cablesearch.engine.kind import Kind


class NotKind(Kind):
    def highlighted(self, q: Any) -> Sequence[Any]:
        return []


NOT = NotKind()
