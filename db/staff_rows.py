"""Staff's hot-path SQL, written once: the acting user with their role, as stored now (every service
that checks a permission reads it)."""

from __future__ import annotations

from db.models import Role, User, database

_USER = list(User._meta.sorted_fields)
_ROLE = list(Role._meta.sorted_fields)
_SQL = (
    "SELECT "
    + ", ".join([f'u."{f.column_name}"' for f in _USER] + [f'r."{f.column_name}"' for f in _ROLE])
    + ' FROM "user" u JOIN "role" r ON r."id" = u."role_id" WHERE u."id" = '
)


def user_with_role(user_id: int) -> User | None:
    """The user `user_id` with their role, as model instances (nothing marked changed), or None."""
    row = database.execute_sql(_SQL + database.param, (user_id,)).fetchone()
    if row is None:
        return None
    user = User(__no_default__=1, **_values(_USER, row[: len(_USER)]))
    role = Role(__no_default__=1, **_values(_ROLE, row[len(_USER) :]))
    user.role = role
    user._dirty.clear()
    role._dirty.clear()
    return user


def _values(fields: list[object], row: tuple[object, ...]) -> dict[str, object]:
    return {
        f.name: None if v is None else f.python_value(v)  # type: ignore[attr-defined]
        for f, v in zip(fields, row, strict=True)
    }
