"""The main window fits the screen of the laptops shops buy (1366×768): no section asks for more."""

from __future__ import annotations


def test_every_section_fits_a_1366_by_768_screen(window, owner):
    window.enter(owner)
    for index, section in enumerate(window.sections):
        window.open_section(index)
        wanted = window.minimumSizeHint()
        assert wanted.width() <= 1366 and wanted.height() <= 768, (type(section).__name__, wanted)
