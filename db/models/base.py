"""The deferred database every model is bound to, and the models' common base."""

from __future__ import annotations

from peewee import DatabaseProxy, Model

database = DatabaseProxy()


class BaseModel(Model):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    class Meta:
        database = database
        legacy_table_names = False
