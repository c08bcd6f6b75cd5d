"""Pengaturan: the page and its boxes (channels, points, programs, printer, safety, staff)."""
