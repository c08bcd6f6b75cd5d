"""pos.core.text.clean: what a person typed or a file held, made safe to store, show and print."""

from __future__ import annotations

import pytest

from pos.core.text import clean

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: three emoji joined by ZWJ
HEART = "\u2764\ufe0f"  # ❤️: a heart asking for its emoji look (U+FE0F)
HEART_ON_FIRE = "\u2764\ufe0f\u200d\U0001f525"  # ❤️‍🔥
CODER = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # 👩🏽‍💻: a skin tone, then the join
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # 🏴󠁧󠁢󠁳󠁣󠁴󠁿: tag letters


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Ani\u202eBudi", "AniBudi"),  # a right-to-left override
        ("\u202aAni\u202c", "Ani"),  # an embedding and its pop
        ("Ani \u2066Budi\u2069 Citra", "Ani Budi Citra"),  # an isolate and its pop
        ("\u200fAni\u200e", "Ani"),  # the direction marks
        ("\ufeffAni", "Ani"),  # a byte-order mark from the start of a file
        ("A\u200bn\u2060i", "Ani"),  # a zero-width space, a word joiner
        ("An\u00adi", "Ani"),  # a soft hyphen
        ("Ani\u200d", "Ani"),  # a joiner that joins nothing
        ("A\u200dni \u200dBudi", "Ani Budi"),  # a joiner between letters or after a space
    ],
)
def test_direction_overrides_and_invisible_characters_are_taken_out(typed, kept):
    assert clean(typed) == kept
    assert clean(typed, keep_newlines=True) == kept


@pytest.mark.parametrize(
    "emoji", [FAMILY, HEART, HEART_ON_FIRE, CODER, SCOTLAND, "\U0001f1ee\U0001f1e9", "1\ufe0f\u20e3"]
)
def test_emoji_stay_whole_with_their_joiners_and_selectors(emoji):
    assert clean(f"Ibu {emoji} Ani") == f"Ibu {emoji} Ani"
    assert clean(f"Ibu\u202e {emoji}\n", keep_newlines=True) == f"Ibu {emoji}"
    assert clean(emoji, limit=40) == emoji


def test_tag_letters_outside_a_flag_are_taken_out():
    assert clean("Ani\U000e0041\U000e0042\U000e007f") == "Ani"  # invisible "AB" smuggled after a name
    assert clean("\U0001f3f4\U000e0067\U000e0062") == "\U0001f3f4"  # no cancel tag: the black flag alone


def test_an_emoji_newer_than_python_knows_stays():
    assert clean("Ibu \U0001fae8 Ani") == "Ibu \U0001fae8 Ani"  # 🫨 (Unicode 15)


def test_tabs_newlines_and_other_spaces_are_one_space_on_one_line():
    assert clean("  Kopi\tSusu \n Gula\r\nAren  ") == "Kopi Susu Gula Aren"
    assert clean("Jl.\u00a0Mawar\u20283\u3000RT 02") == "Jl. Mawar 3 RT 02"
    assert clean(None) == ""  # type: ignore[arg-type]
    assert clean("  \t\n ") == ""


def test_control_characters_are_a_space_between_the_words_around_them():
    assert clean("SN\x1d12345\x1b") == "SN 12345"  # a GS1 group separator keeps the fields apart
    assert clean("Kopi\x00\x07Susu") == "Kopi Susu"


def test_newlines_are_kept_where_asked_with_one_blank_line_at_most():
    assert clean("a\r\nb\tc", keep_newlines=True) == "a\nb c"
    assert clean("a\rb\u2029c", keep_newlines=True) == "a\nb\nc"
    assert clean("\n\n suka kopi \n\n\n\ntanpa  gula\n\n", keep_newlines=True) == "suka kopi\n\ntanpa gula"
    assert clean("Jl.\u00a0Mawar 3\x07\nRT 02", keep_newlines=True) == "Jl. Mawar 3\nRT 02"


def test_the_limit_cuts_and_leaves_no_space_or_half_join_at_the_end():
    assert clean("Kopi Susu Gula", limit=5) == "Kopi"
    assert clean("  Kopi   Susu  ", limit=6) == "Kopi S"
    assert clean("Kopi", limit=0) == ""
    assert clean("Ibu " + FAMILY, limit=6) == "Ibu \U0001f468"  # the joiner after the man goes with the cut
    assert clean("Ibu " + FAMILY, limit=7) == "Ibu \U0001f468\u200d\U0001f469"
    assert clean("Ibu " + SCOTLAND, limit=8) == "Ibu \U0001f3f4"  # half a flag's tags: the black flag
    assert clean("a\n\nb c", keep_newlines=True, limit=4) == "a\n\nb"
