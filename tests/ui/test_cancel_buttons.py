"""The owner's small form dialogs have 'Batal (Esc)' beside their one button: it closes them, nothing saved
(they had only the save button; Esc was the only way out)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from db.models import LoyaltyProgram, User, Voucher
from pos.customers import customer
from tests.pos.helpers import small_shop
from ui.customers.merge_dialog import MergeDialog
from ui.customers.vouchers_dialog import IssueDialog
from ui.settings.programs_box import GiftDialog, StampDialog
from ui.settings.staff_box import AddUserDialog
from ui.stock.dialogs import OpnameDialog, ProductionDialog, RecipeDialog, RestockDialog, WasteDialog


def _dialogs(owner):
    small_shop(owner, open_shift=False)
    budi = customer.create_customer("0812-1111-3333", "Budi", user=owner)
    return {
        "terima barang": lambda: RestockDialog(None, owner),
        "stok opname": lambda: OpnameDialog(None, owner),
        "barang rusak": lambda: WasteDialog(None, owner),
        "resep": lambda: RecipeDialog(None, owner),
        "produksi": lambda: ProductionDialog(None, owner),
        "voucher": lambda: IssueDialog(None, owner),
        "kartu stempel": lambda: StampDialog(None, owner),
        "hadiah": lambda: GiftDialog(None, owner),
        "karyawan": lambda: AddUserDialog(None, owner),
        "gabung pelanggan": lambda: MergeDialog(None, budi.id, owner),
    }


@pytest.mark.parametrize(
    "name",
    [
        "terima barang",
        "stok opname",
        "barang rusak",
        "resep",
        "produksi",
        "voucher",
        "kartu stempel",
        "hadiah",
        "karyawan",
        "gabung pelanggan",
    ],
)
def test_each_small_dialog_has_a_cancel_that_saves_nothing(owner, qtbot, name):
    dialog = _dialogs(owner)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    before = (User.select().count(), Voucher.select().count(), LoyaltyProgram.select().count())
    cancel = [b for b in dialog.findChildren(QPushButton) if b.text() == "Batal (Esc)"]
    assert len(cancel) == 1, [b.text() for b in dialog.findChildren(QPushButton)]
    assert not cancel[0].autoDefault()  # Enter still means the dialog's own button
    cancel[0].click()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert (User.select().count(), Voucher.select().count(), LoyaltyProgram.select().count()) == before


def test_a_vouchers_rupiah_fields_group_with_a_dot(owner, qtbot):
    """Nilai showed 10,000 where every rupiah in Kasir is 10.000."""
    dialog = IssueDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.min_spend.setValue(50_000)
    assert (dialog.value.text(), dialog.min_spend.text()) == ("10.000", "50.000")
