"""Schema versions. Version 1 is the whole model; later versions append `upgrade_to_N(migrator)` steps.

All steps run in one transaction at open (calibre's shape). A database from a newer Kasir is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from playhouse.migrate import SchemaMigrator

SCHEMA_VERSION = 1

# version -> step that brings a database from version-1 to version
UPGRADES: dict[int, Callable[[SchemaMigrator], None]] = {}


def pending(current: int) -> list[tuple[int, Callable[[SchemaMigrator], None]]]:
    return [(v, UPGRADES[v]) for v in range(current + 1, SCHEMA_VERSION + 1)]
