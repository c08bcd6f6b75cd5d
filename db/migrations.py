"""Schema versions. Version 1 is the whole model; later versions append `upgrade_to_N(migrator)` steps.

All steps run in one transaction at open (calibre's shape). A database from a newer Kasir is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from playhouse.migrate import SchemaMigrator

SCHEMA_VERSION = 2


def upgrade_to_2(migrator: SchemaMigrator) -> None:
    """Reports find voids, closings and other events in the journal by event and time."""
    migrator.database.execute_sql(
        'CREATE INDEX IF NOT EXISTS "journal_entry_event_created_at" '
        'ON "journal_entry" ("event", "created_at")'
    )


# version -> step that brings a database from version-1 to version
UPGRADES: dict[int, Callable[[SchemaMigrator], None]] = {2: upgrade_to_2}


def pending(current: int) -> list[tuple[int, Callable[[SchemaMigrator], None]]]:
    return [(v, UPGRADES[v]) for v in range(current + 1, SCHEMA_VERSION + 1)]
