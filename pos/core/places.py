"""Where this shop's data lives: the data folder, the default database in it, and the open database's
own id (which names its backups and its crash drafts)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import peewee
from platformdirs import user_data_dir

from db.database import DB_ID_KEY, default_target
from db.models import Meta, database

APP_NAME = "Kasir"


def data_dir() -> Path:
    """The person's data folder for Kasir (platformdirs), or $KASIR_DATA_DIR: the bench runs its shops with
    a folder of its own, so their backups and crash drafts never land beside the shop's own."""
    chosen = os.environ.get("KASIR_DATA_DIR", "")
    return Path(chosen) if chosen else Path(user_data_dir(APP_NAME, appauthor=False))


def default_database() -> str:
    return default_target(str(data_dir()))


def database_id() -> str:
    """The open database's own id (meta.db_id), made once when an older database has none yet."""
    row = Meta.get_or_none(Meta.key == DB_ID_KEY)
    if row is not None:
        return str(row.value)
    made = uuid.uuid4().hex
    try:
        with database.atomic():
            Meta.insert(key=DB_ID_KEY, value=made).on_conflict_ignore().execute()
    except peewee.DatabaseError:  # a read-only file still has a name: its path
        return "path:" + str(Path(database.obj.database).resolve())
    return str(Meta.get(Meta.key == DB_ID_KEY).value)
