"""The main window fits the screen of the laptops shops buy (1366×768): no section asks for more."""

from __future__ import annotations


def test_every_section_fits_a_1366_by_768_screen(window, owner):
    window.enter(owner)
    for index, section in enumerate(window.sections):
        window.open_section(index)
        wanted = window.minimumSizeHint()
        room = (1366, 768 - 40)  # a taskbar
        assert wanted.width() <= room[0] and wanted.height() <= room[1], (type(section).__name__, wanted)


def test_back_on_the_counter_the_window_needs_only_the_counters_room(window, owner):
    """A 1024 px till: after the owner looked at Laporan (wider), the counter must fit again, not keep the
    width of the widest page opened before."""
    window.enter(owner)
    for index in range(len(window.sections)):
        window.open_section(index)
    window.go("counter")
    wanted = window.minimumSizeHint()
    assert wanted.width() <= 1024 and wanted.height() <= 728, wanted
