"""gettext in every layer. Source strings are Bahasa Indonesia (the default); `en` is the second catalog.

Catalogs are plain .po files, so there is no build step: Babel compiles one the first time it is used and the
compiled catalogue is kept in the user's cache folder under the .po's hash (a changed .po is compiled again).
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import os
from io import BytesIO
from pathlib import Path

from platformdirs import user_cache_dir

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "kasir"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "id"


def set_language(code: str) -> None:
    """Switch every `_()` to `code` ('id' or 'en'). Unknown codes fall back to Bahasa Indonesia."""
    global _translations, _language
    po_path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == "id" or not po_path.exists():
        _translations, _language = gettext.NullTranslations(), "id"
        return
    _translations, _language = gettext.GNUTranslations(BytesIO(compiled(po_path, code))), code


def compiled(po_path: Path, code: str) -> bytes:
    """The .mo bytes of a .po catalogue: from the cache when this very .po was compiled before."""
    source = po_path.read_bytes()
    cached = Path(user_cache_dir("Kasir", appauthor=False)) / (
        f"{DOMAIN}-{code}-{hashlib.sha256(source).hexdigest()[:20]}.mo"
    )
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    from babel.messages.mofile import write_mo  # only when the .po changed: Babel's catalogue code is slow
    from babel.messages.pofile import read_po  # to import and to run

    catalog = read_po(BytesIO(source), locale=code)
    out = BytesIO()
    write_mo(out, catalog)
    with contextlib.suppress(OSError):  # a read-only or full disk: compiled again next time
        cached.parent.mkdir(parents=True, exist_ok=True)
        temp = cached.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(out.getvalue())
        os.replace(temp, cached)
    return out.getvalue()


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it with _() where it is shown."""
    return message
