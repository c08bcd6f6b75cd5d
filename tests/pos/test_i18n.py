"""Bahasa Indonesia by default, English as the second catalog, and no string left out of it."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from pos.core import i18n
from pos.core.errors import PaymentShort

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "pos" / "locale" / "en" / "LC_MESSAGES" / "kasir.po"


def source_messages() -> set[str]:
    found = set()
    for folder in ("pos", "ui", "receipts"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
        ):
            found.add(message)
    return found


def test_every_source_string_has_an_english_translation():
    catalog = {m.id: m.string for m in read_po(PO.open("rb")) if m.id}
    missing = sorted(m for m in source_messages() if not catalog.get(m))
    assert missing == [], "add these to the English catalog:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
    for m in read_po(PO.open("rb")):
        if m.id:
            assert sorted(re.findall(r"{[^}]*}", m.id)) == sorted(re.findall(r"{[^}]*}", m.string)), m.id


def test_switching_language():
    try:
        assert PaymentShort(short="Rp 500").text == "Pembayaran kurang Rp 500."
        i18n.set_language("en")
        assert i18n.language() == "en"
        assert PaymentShort(short="Rp 500").text == "Payment is Rp 500 short."
    finally:
        i18n.set_language("id")
    assert i18n._("Tunai") == "Tunai"


def test_unknown_language_falls_back_to_indonesian():
    i18n.set_language("xx")
    assert i18n.language() == "id"


def test_a_catalogue_is_compiled_once_and_again_when_it_changes(tmp_path, monkeypatch):
    import babel.messages.pofile as pofile

    po = tmp_path / "kasir.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Tunai"\nmsgstr "Cash"\n', encoding="utf-8")
    first = i18n.compiled(po, "en")

    def refuse(*_a, **_k):
        raise AssertionError("compiled again although the .po did not change")

    monkeypatch.setattr(pofile, "read_po", refuse)
    assert i18n.compiled(po, "en") == first  # from the cache
    monkeypatch.undo()
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Tunai"\nmsgstr "Cash money"\n', encoding="utf-8")
    assert b"Cash money" in i18n.compiled(po, "en")
