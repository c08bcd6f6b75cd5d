"""Login: tap your name, type your PIN (keyboard or the on-screen pad). A locked user is told how long is
left; an owner is told the wrong PINs typed for them since their last login; "Lupa PIN pemilik?" sets a new
owner PIN with the shop's recovery code."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.core import pin_guard, settings, staff
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.staff import User
from pos.demo.catalogs import DEMO_OWNER_PIN, STAFF
from ui.recovery_dialog import ResetPinDialog, code_label, code_note
from ui.theme import role


class LoginPage(QWidget):
    logged_in = Signal(object)  # User

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("card")
        card.setStyleSheet(
            "QFrame#card { background: white; border-radius: 14px; border: 1px solid #d6dcd8; }"
        )
        card.setFixedWidth(520)
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 24, 28, 24)
        self.title = role(QLabel(""), "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.title)
        hint = role(QLabel(_("Pilih nama Anda, lalu ketik PIN.")), "muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(hint)
        pins = {role: pin for people in STAFF.values() for _name, role, pin in people}
        self.demo_hint = QLabel(
            _("Toko contoh — PIN pemilik {owner} · kasir {cashier} · admin {admin}").format(
                owner=DEMO_OWNER_PIN, cashier=pins["cashier"], admin=pins["online_admin"]
            )
        )
        self.demo_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setStyleSheet(
            "background: #fff4d6; color: #5c4300; border-radius: 6px; padding: 4px; font-size: 13px;"
        )
        self.demo_hint.hide()
        box.addWidget(self.demo_hint)
        self.users_box = QHBoxLayout()
        self.users_group = QButtonGroup(self)
        self.users_group.setExclusive(True)
        self.users_group.buttonToggled.connect(self._chosen)
        box.addLayout(self.users_box)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setPlaceholderText("PIN")
        self.pin.setStyleSheet("font-size: 26px; letter-spacing: 8px;")
        self.pin.returnPressed.connect(self.submit)
        box.addWidget(self.pin)
        pad = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, key in enumerate(keys):
            button = role(QPushButton(key), "primary" if key == "OK" else "pin")
            if key == "OK":
                button.setMinimumHeight(56)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._key(k))
            pad.addWidget(button, index // 3, index % 3)
        box.addLayout(pad)
        self.error = role(QLabel(""), "error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.error)
        self.forgot = QPushButton(_("Lupa PIN pemilik?"))
        self.forgot.setFlat(True)
        self.forgot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.forgot.setStyleSheet("color: #52615a; text-decoration: underline; border: none;")
        self.forgot.clicked.connect(self.reset_pin)
        box.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignCenter)
        self.notice: LoginNotice | None = None  # what an owner is told after logging in
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def reload(self) -> None:
        """Fill the user buttons (call after login/logout, the list can change)."""
        self.title.setText(str(settings.get("shop_name") or "Kasir"))
        self.demo_hint.setVisible(bool(settings.get("demo")))  # the demo PINs, in a demo shop only
        for button in self.users_group.buttons():
            self.users_group.removeButton(button)
            button.deleteLater()
        for user in staff.active_users():
            button = QPushButton(f"{user.name}\n{_(user.role.name)}")
            button.setCheckable(True)
            button.setMinimumHeight(58)
            button.setProperty("user_id", user.id)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.users_group.addButton(button)
            self.users_box.addWidget(button)
        buttons = self.users_group.buttons()
        if buttons:
            buttons[0].setChecked(True)
        self.pin.clear()
        self.error.clear()
        self._chosen()
        self.pin.setFocus()

    def _chosen(self, *_args: object) -> None:
        """Tapping a locked user's name says at once how long is left."""
        button = self.users_group.checkedButton()
        if button is not None:
            self.error.setText(pin_guard.lock_message(int(button.property("user_id"))))

    def select_user(self, user: User) -> None:
        for button in self.users_group.buttons():
            if button.property("user_id") == user.id:
                button.setChecked(True)

    def _key(self, key: str) -> None:
        if key == "OK":
            self.submit()
        elif key == "⌫":
            self.pin.backspace()
        else:
            self.pin.insert(key)
        self.pin.setFocus()

    def submit(self) -> None:
        button = self.users_group.checkedButton()
        if button is None:
            self.error.setText(_("Pilih nama Anda dulu."))
            return
        try:
            user = staff.login(int(button.property("user_id")), self.pin.text())
        except PosError as exc:
            self.error.setText(exc.text)
            self.pin.clear()
            return
        self.pin.clear()
        self.error.clear()
        note = pin_guard.failures_to_show(user)
        code = ""
        if user.role.code == "owner" and not settings.get("demo") and not pin_guard.has_recovery_code():
            code = pin_guard.issue_recovery_code(user)  # a shop set up before Kasir had recovery codes
        self.logged_in.emit(user)
        if note or code:
            self.notice = LoginNotice(self.window(), note, code)
            self.notice.show()  # not modal: the counter is usable behind it

    def close_notice(self) -> None:
        if self.notice is not None:
            self.notice.close()
            self.notice.deleteLater()
            self.notice = None

    def reset_pin(self) -> None:
        dialog = ResetPinDialog(self.window())
        if dialog.exec() and dialog.owner is not None:
            self.reload()
            self.select_user(dialog.owner)
            self.error.setText(_("PIN baru tersimpan. Masuk dengan PIN baru."))
        dialog.deleteLater()


class LoginNotice(QDialog):
    """After an owner's login: the wrong PINs typed for them since the last login, and a recovery code when
    the shop had none yet."""

    def __init__(self, parent: QWidget | None, failures: str, code: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Perhatian"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.failures = QLabel(failures)
        self.failures.setWordWrap(True)
        self.failures.setTextFormat(Qt.TextFormat.PlainText)
        self.failures.setStyleSheet("color: #9b2c1f; font-weight: 600; font-size: 15px;")
        self.failures.setVisible(bool(failures))
        layout.addWidget(self.failures)
        self.code = code_label(code)
        if code:
            layout.addWidget(code_note())
            layout.addWidget(self.code)
        else:
            self.code.hide()
        ok = role(QPushButton(_("Sudah saya catat") if code else _("OK")), "primary")
        ok.clicked.connect(self.accept)
        layout.addWidget(ok)
