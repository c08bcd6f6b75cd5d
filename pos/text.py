"""Small text helpers shared by the catalogue and the customer book."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents folded, single spaces: the searched form ('Kopi Àpi' -> 'kopi api')."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def search_words(query: str) -> list[str]:
    return [w for w in fold(query).split(" ") if w][:6]
