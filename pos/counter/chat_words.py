"""The words and patterns a pasted chat order is read by: numbers and units in Bahasa Indonesia, filler
words, the marks of a phone number, a name, an address, a price, a line note; and the folding of text
into comparable words. Every pattern is linear (no nested repetition): nothing can hang.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# --- words ----------------------------------------------------------------------------------------
NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
           "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100}  # fmt: skip
HALVES = {"setengah": Decimal("0.5"), "stengah": Decimal("0.5"), "stgh": Decimal("0.5"),
          "seperempat": Decimal("0.25")}  # fmt: skip
FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
# a unit word after a number -> its family and the factor to the family's base (kg, l, piece)
UNITS: dict[str, tuple[str, Decimal]] = {
    "kg": ("kg", Decimal(1)),
    "kilo": ("kg", Decimal(1)),
    "ons": ("kg", Decimal("0.1")),
    "g": ("kg", Decimal("0.001")),
    "l": ("l", Decimal(1)),
    "ml": ("l", Decimal("0.001")),
    "lusin": ("pcs", Decimal(12)),
    **{w: ("pcs", Decimal(1)) for w in (
        "pcs", "pc", "bks", "bungkus", "porsi", "prs", "buah", "bh", "biji", "gelas", "gls", "mangkok",
        "mangkuk", "piring", "botol", "btl", "pack", "pak", "pax", "dus", "kotak", "renteng", "sachet",
        "saset", "cup", "cangkir", "kaleng", "klg", "tabung", "unit", "batang",
        "lembar", "ekor", "ikat", "papan", "x")},
}  # fmt: skip
UNIT_OF = {"kg": "kg", "gram": "kg", "liter": "l"}  # a product's unit -> the family its quantity is in
TO_UNIT = {"kg": Decimal(1), "gram": Decimal(1000), "liter": Decimal(1)}  # family base -> product unit
CANON = {"kilogram": "kg", "kgs": "kg", "gr": "g", "gram": "g", "grm": "g", "lt": "l", "ltr": "l",
         "liter": "l", "litre": "l", "baso": "bakso", "mi": "mie", "telor": "telur", "krupuk": "kerupuk",
         "anget": "hangat", "aer": "air", "tawar": "tawar"}  # fmt: skip
FILLER = frozenset(
    """kak kaka kakak ka kk min mimin admin gan agan sis bro pak bu ibu bapak mas mba mbak bang abang om
    tante dek pesan pesen psn pesanan pesanannya order orderan mau mo pengen pingin ingin minta beli
    ya yaa yah yak iya dong donk deh aja saja ja juga jg lagi tolong tlg mohon halo hai hallo hi
    assalamualaikum assalamu alaikum wr wb selamat pagi siang sore malam permisi punten ok oke okay sip
    siap makasih terima kasih trims thanks thx tq nuwun matur sy saya aku gw gue kami kita ini itu tadi
    yg yang nya pake pakai buat untuk utk ke di dari atau ada masih ready gak ga nggak engga enggak
    tidak bisa boleh tambah tambahin total berapa brp semua semuanya udah sudah sdh nanti ntar besok
    sekarang skrg segera cepat ditunggu tunggu bgt banget sih nih tuh kok loh lho kalau kalo klo jam
    hp wa no nomor nomer telp telepon bayar transfer tf cash tunai qris lunas ongkir ongkos rumah
    jadi jd gitu begitu dgn dengan please pls plz also ambil diambil sendiri pickup buka tutup kah""".split()
)  # fmt: skip
DELIVERY = frozenset("antar anter antarkan anterin diantar dianter diantarkan kirim kirimkan kirimin dikirim "
                     "delivery cod kurir".split())  # fmt: skip
HONORIFICS = frozenset("bu ibu pak bapak mas mba mbak kak bang om tante".split())
TRAILING = frozenset("ya yaa kak ka min gan dong ok oke makasih thx sis pak bu".split())

# --- patterns (each linear: no nested repetition) -------------------------------------------------
PHONE = re.compile(r"(?<![\d])(?:\+\s?62|62|0)[\s.\-]?8\d{1,4}(?:[\s.\-]?\d{2,5}){1,4}(?![\d])")
PRICE = re.compile(
    r"(?<![\w])(?:rp\.?\s?\d[\d.,]{0,12}(?:\s?(?:rb|ribu|rebu|k|jt|juta)(?![a-z]))?"
    r"|\d{1,6}(?:[.,]\d{1,3})?\s?(?:rb|ribu|rebu|k|jt|juta)(?![a-z])"
    r"|\d{1,3}(?:\.\d{3}){1,3}(?![\d]))"
)
NAME = re.compile(
    r"(?<![a-z])(?:a\s?\.\s?n(?![a-z])\.?|a/n|an\.|atas\s+nama|nama(?:\s+saya)?)(?![a-z])\s*[:\-]?\s*"
)
ADDRESS = re.compile(
    r"(?<![a-z])(?:(?:di)?(?:antar|anter|kirim)(?:kan|in)?\s+(?:ke\s+(?:alamat\s+)?|(?=(?:jl|jln|jalan|gg|"
    r"gang|perum|komplek|kompleks|blok)[\s.]))|alamat(?:nya)?(?:\s+di)?\s*:?\s*)"
)
STREET = re.compile(r"(?<![a-z])(?:jl|jln|jalan|gg|gang|perum|komplek|kompleks)\.?\s")
ADDRESS_END = re.compile(
    r",?\s*(?:a\s?\.\s?n(?![a-z])|a/n|an\.|atas\s+nama|nama|hp|wa|no\.?\s?hp|telp)(?![a-z])"
)
SEPARATORS = re.compile(
    r"[\n;+&]|(?<!\d),|,(?!\d)|\.(?!\d)|(?<![a-z])(?:sama|sm|ama|dan|terus|trus|trs|tambah|plus)(?![a-z])"
)
LIST_MARK = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+")  # "1. bakso", "2) mie", "- es teh"
SENTENCE_END = re.compile(r"([a-z0-9]+)\.(?=\s)")
ABBREVIATIONS = frozenset("jl jln gg no rt rw kel kec kab blok kav perum komp kp ds dsn ds km lt".split())
NOWHERE = frozenset(("rumah", "rumah saya", "rumah aku", "sini", "biasa", "alamat biasa", "tempat biasa"))
COD = re.compile(r"(?<![a-z])(?:cod|bayar\s+di\s*tempat)(?![a-z])")  # bayar di tempat, bayar ditempat
_NO = r"(?:gak|ga|gk|nggak|ngga|enggak|tidak|tdk|jangan|jgn)"
LINE_NOTE = re.compile(  # how the customer wants an item: the line's note, not a product
    r"(?<![a-z])(?:(?:tanpa|tnp|" + _NO + r"\s+(?:pake|pakai|pk|usah))\s+[a-z]+"
    r"|(?:extra|ekstra)\s+[a-z]+"
    r"|[a-z]+\s+(?:dipisah|dipisahin|dipisahkan|pisah)"
    r"|(?:" + _NO + r"\s+|kurang\s+)?(?:pedes|pedas)(?:\s+(?:banget|bgt|sekali|level\s?\d|lvl\s?\d))?"
    r"|(?:level|lvl)\s?\d)(?![a-z])"
)
LARGE_QTY = 100  # more than a warung's biggest order of one thing (an arisan's 50 portions): said, kept
TOKEN = re.compile(r"\d{1,6}/\d{1,3}|\d{1,9}(?:[.,]\d{1,3})?|[½¼¾]|[^\W\d_]+")


# --- reading the message ---------------------------------------------------------------------------
def fold_char(c: str) -> str:
    """One character for one (positions kept): lower case, accents off; symbols and emoji a space."""
    if c.isascii():
        return c.lower()
    if c in FRACTIONS:
        return c
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    if len(base) == 1 and base.isalnum():
        return base
    low = c.lower()
    return low if len(low) == 1 and c.isalpha() else " "


def is_number(word: str) -> bool:
    """A number as written in a name or a message: "16", "600", a calibre "4.5" / "4,5"."""
    return word[:1].isdigit() and word.replace(",", ".").replace(".", "", 1).isdigit()


def canon(word: str) -> str:
    if word[:1].isdigit() and "," in word and "/" not in word:
        return word.replace(",", ".")  # "4,5" and "4.5" are one calibre, one size

    return CANON.get(word, word)


def canon_words(text: str) -> list[str]:
    return [canon(t) for t in TOKEN.findall(text)]


def distance_one(a: str, b: str) -> bool:
    """a and b differ by one letter added, dropped or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return a[i + 1 : i + 2] == b[i : i + 1] and a[i : i + 1] == b[i + 1 : i + 2] and a[i + 2 :] == b[i + 2 :]
