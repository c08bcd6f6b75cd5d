"""`python -m tools.screenshots DIR` renders every main screen (the README's pictures) without a display."""

from PySide6.QtGui import QImage

from tools import screenshots


def test_every_main_screen_renders(tmp_path, qapp):
    made = screenshots.render(tmp_path)
    names = {p.name for p in made}
    assert {
        "setup.png",
        "login.png",
        "counter.png",
        "counter-1024.png",
        "chat-order.png",
        "delivery.png",
        "payment-cash.png",
        "payment-qris.png",
        "customers.png",
        "settings.png",
        "history.png",
    } <= names
    for path in made:
        image = QImage(str(path))
        assert image.width() >= 500 and image.height() >= 150, path
    assert QImage(str(tmp_path / "counter.png")).size().toTuple() == (1366, 768)
    assert QImage(str(tmp_path / "counter-1024.png")).size().toTuple() == (1024, 768)


def test_loyalty_program_screens_render(tmp_path, qapp):
    made = screenshots.render_programs(tmp_path)
    assert {p.name for p in made} == {
        "counter-stamps.png",
        "counter-gift.png",
        "vouchers.png",
        "merge.png",
        "programs.png",
        "stock.png",
        "stock-restock.png",
        "stock-expiring.png",
        "stock-suggestions.png",
    }
    for path in made:
        image = QImage(str(path))
        assert image.width() >= 500 and image.height() >= 150, path
