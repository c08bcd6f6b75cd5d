"""Pengaturan → stamp card and bonus gift dialogs: a new program saved, a refusal shown in the dialog (which
stays open and changes nothing), an existing program opened with its rules — scope included — and saved
again."""

from db.models import LoyaltyProgram
from pos.catalog import catalog
from ui.settings.programs_box import GiftDialog, StampDialog, _select


def test_stamp_card_and_gift_dialogs_save_refuse_and_reopen(qtbot, owner):
    bakso = catalog.create_product("BKS", "Bakso Urat", 18_000, track_stock=False)
    tas = catalog.create_product("TAS", "Tas senapan", 0, track_stock=False)

    dialog = StampDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.name.setText("Kartu Bakso")
    _select(dialog.scope, ("product", bakso.id))
    dialog.needed.setValue(5)
    _select(dialog.reward, "rp")
    dialog.reward_value.setText("sepuluh ribu")
    dialog.submit()
    cards = LoyaltyProgram.select().where(LoyaltyProgram.kind == "stamps")
    assert dialog.error.text() and cards.count() == 0  # refused, nothing written
    dialog.reward_value.setText("10.000")
    dialog.submit()
    card = LoyaltyProgram.get(LoyaltyProgram.kind == "stamps")
    assert (card.name, card.rules["needed"], card.rules["reward_value"], card.active) == (
        "Kartu Bakso",
        5,
        10_000,
        True,
    )

    again = StampDialog(None, owner, card)
    qtbot.addWidget(again)
    assert (again.name.text(), again.needed.value(), again.reward_value.text()) == ("Kartu Bakso", 5, "10000")
    assert again.scope.currentData() == ("product", bakso.id) and again.reward.currentData() == "rp"
    again.active.setChecked(False)
    again.submit()
    assert LoyaltyProgram.get_by_id(card.id).active is False

    gift = GiftDialog(None, owner)
    qtbot.addWidget(gift)
    gift.name.setText("Tas gratis")
    _select(gift.gift, tas.id)
    gift.min_spend.setText("500.000")
    gift.submit()
    row = LoyaltyProgram.get(LoyaltyProgram.kind == "gift")
    assert (row.name, row.rules["gift_product"], row.rules["min_spend"]) == ("Tas gratis", tas.id, 500_000)
    reopened = GiftDialog(None, owner, row)
    qtbot.addWidget(reopened)
    assert (reopened.name.text(), reopened.gift.currentData(), reopened.min_spend.text()) == (
        "Tas gratis",
        tas.id,
        "500000",
    )
