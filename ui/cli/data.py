"""Keeping the shop's data: verify the journal against the tables, back up, restore a backup."""

from __future__ import annotations

import argparse
import sys

from pos import shop
from pos.core.errors import PosError
from pos.core.i18n import _
from ui.cli.common import owner_with_pin


def cmd_verify(args: argparse.Namespace, target: str) -> int:
    from pos.audit.verify import verify

    result = verify()
    print(result.summary())
    for problem in result.problems:
        print(f"  - {problem}")
    return 0 if result.ok else 1


def cmd_backup(args: argparse.Namespace, target: str) -> int:
    from pos.audit import backup

    # into a folder named here ('exports'): the owner's PIN; without --to, the owner's folder from settings
    path = backup.backup(args.to, owner_with_pin(args)) if args.to else backup.backup()
    print(backup.written(path))
    return 0


def cmd_restore(args: argparse.Namespace, target: str) -> int:
    """Check the backup (a copy of it is opened and verified), then put it in place of the database: the
    owner's PIN when the database is sound (a damaged or missing one has no one to ask)."""
    import shutil
    import tempfile
    from pathlib import Path

    from pos.audit import backup, verify

    path = shop.database_file(target)
    if path is None:
        print(_("Pulihkan hanya untuk database SQLite berupa file."), file=sys.stderr)
        return 2
    target = str(path)
    shop.close_shop()
    why = backup.check(args.file)
    if why:
        print(
            _("Cadangan tidak bisa dipakai: {file}: {why}. Database tidak diubah.").format(
                file=args.file, why=why
            ),
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "check.db"
        shutil.copyfile(args.file, trial)
        try:
            shop.open_shop(str(trial), args.register)
            result = verify.verify()
        except PosError as exc:
            print(
                _("Cadangan tidak bisa dipakai: {file}: {why} Database tidak diubah.").format(
                    file=args.file, why=exc.values.get("why", exc.text)
                ),
                file=sys.stderr,
            )
            return 2
        finally:
            shop.close_shop()
    if not result.ok:
        print(
            _("Cadangan gagal diperiksa: {summary}. Database tidak diubah.").format(summary=result.summary()),
            file=sys.stderr,
        )
        return 2
    lost = backup.dropped(args.file, target)
    if not lost.nothing and not args.force:
        print(
            _(
                "Cadangan {file} (ditulis {at}) lebih lama dari database sekarang: {lost}. Database tidak "
                "diubah; pakai --force untuk tetap memulihkan (database sekarang disimpan di sampingnya)."
            ).format(file=args.file, at=lost.backup_at or "?", lost=lost.text()),
            file=sys.stderr,
        )
        return 1
    owner = None
    if not backup.check(target):  # a sound shop is replaced only by its owner, proven in it by their PIN
        shop.open_shop(target, args.register, sells=False)
        owner = owner_with_pin(args)
    kept = backup.restore(args.file, target, owner)  # checks the owner, closes the shop, replaces it
    shop.open_shop(target, args.register)
    print(
        _("Dipulihkan dari {file} ({summary}). Database lama disimpan sebagai {kept}.").format(
            file=args.file, summary=result.summary(), kept=kept if kept.exists() else "-"
        )
    )
    if not lost.nothing or lost.unreadable:
        print(lost.text())
    return 0
