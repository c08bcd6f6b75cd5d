"""A long list read a page at a time: one query gives the ids in the chosen order, rows are read 200
at a time when a screen first asks for them, and sorting asks the database again. The Stok and Barang
tables of a 50.000-product shop open without making 50.000 rows in Python."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar, overload

from db import fast

T = TypeVar("T")
PAGE = 200


class PagedList(Sequence[T], Generic[T]):
    """`ids(order_sql, expr)` lists the ids in that order; `read(ids)` makes their rows in the order of ids;
    ORDERS maps a column key to (SQL expression, can be missing) as the subclass's query names it."""

    ORDERS: dict[str, tuple[str, bool]] = {}
    TIE = ""  # the last sort term before the id

    def __init__(self, order: str, descending: bool = False) -> None:
        self._ids: list[int] = []
        self._pages: dict[int, list[T]] = {}
        self.order: tuple[str, bool] | None = None
        self.order_by(order, descending)

    def ids(self, order_sql: str, expr: str) -> list[int]:
        raise NotImplementedError

    def read(self, ids: list[int]) -> list[T]:
        raise NotImplementedError

    def order_by(self, key: str, descending: bool = False) -> None:
        """Put the list in the order of `key` (one of ORDERS); nothing to do if it already is."""
        if self.order == (key, descending):
            return
        expr, can_miss = self.ORDERS[key]
        terms = [f"{expr} IS NULL"] if can_miss else []  # missing values last either way
        terms.append(f"{expr} {'DESC' if descending else 'ASC'}")
        if self.TIE and expr != self.TIE:
            terms.append(self.TIE)
        with fast.collector_paused():
            self._ids = self.ids(", ".join(terms), expr)
        self._pages = {}
        self.order = (key, descending)

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._ids)
        if not 0 <= index < len(self._ids):
            raise IndexError(index)
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._pages[page] = self.read(self._ids[page * PAGE : (page + 1) * PAGE])
        return rows[index - page * PAGE]

    def __iter__(self) -> Iterator[T]:
        for start in range(0, len(self._ids), PAGE):
            yield from self[start : start + PAGE]
