"""Renders Kasir's icon from its one drawing, packaging/kasir.svg, with Qt's own SVG renderer (QtSvg, part of
PySide6-Essentials): ui/icons/kasir-<N>.png for N in SIZES (window icon, freedesktop hicolor theme),
ui/icons/kasir.svg beside them, and packaging/kasir.ico (Windows: the .exe, the installer and the Start menu;
written by Pillow from the same PNGs). Run it after changing the SVG:

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "packaging" / "kasir.svg"
ICONS = ROOT / "ui" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows picks from; 256 is the largest a .ico holds


def render(size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts/painting need one
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        render(size, ICONS / f"kasir-{size}.png")
    shutil.copyfile(SVG, ICONS / "kasir.svg")
    images = [Image.open(ICONS / f"kasir-{size}.png") for size in ICO_SIZES]
    images[-1].save(
        ROOT / "packaging" / "kasir.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1]
    )
    print(f"{len(SIZES)} PNGs and kasir.svg in {ICONS}, packaging/kasir.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
