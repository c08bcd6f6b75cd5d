"""gettext in every layer. Source strings are Bahasa Indonesia (the default); `en` is the second catalog.

Catalogs are plain .po files compiled in memory with Babel at start-up, so there is no build step.
"""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
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
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=code)
    buf = BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    _translations, _language = gettext.GNUTranslations(buf), code


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it with _() where it is shown."""
    return message
