"""Named domain errors. Each carries a message in the shop's language that the cashier can act on.

Messages are Indonesian source strings with {placeholders}; they are translated when raised.
"""

from __future__ import annotations

from typing import Any

from pos.core.i18n import N_, _


class PosError(Exception):
    """Base of every error a service raises on purpose. Nothing was written when one is raised."""

    template = N_("Terjadi kesalahan.")

    def __init__(self, template: str | None = None, **values: Any) -> None:
        self.values = values
        self.text = _(template or self.template).format(**values)
        super().__init__(self.text)


# input
class InvalidInput(PosError):
    template = N_("Isian tidak valid.")


class InvalidAmount(InvalidInput):
    template = N_("Jumlah uang tidak valid: {text}. Tulis rupiah tanpa sen, misalnya 15.000.")


class InvalidQuantity(InvalidInput):
    template = N_("Jumlah barang tidak valid: {text}. Harus lebih dari 0 dan paling banyak 9.999.")


class RefundTooMany(InvalidQuantity):
    template = N_("{name}: paling banyak {left} yang bisa dikembalikan, bukan {qty}.")


class UnknownOrderType(InvalidInput):
    template = N_("Jenis pesanan tidak dikenal: {code}.")


class InvalidPrice(InvalidInput):
    template = N_("Harga tidak valid: {text}. Paling tinggi Rp 1.000.000.000.")


class InvalidPhone(InvalidInput):
    template = N_("Nomor HP tidak dikenali: {text}. Contoh: 0812 3456 7890.")


class InvalidName(InvalidInput):
    template = N_("Nama tidak boleh kosong dan paling panjang {limit} huruf.")


class InvalidPin(InvalidInput):
    template = N_("PIN harus 4 sampai 6 angka.")


class InvalidBarcode(InvalidInput):
    """A typed or scanned code that cannot be a barcode, or an EAN/UPC whose check digit is wrong."""

    template = N_("Barcode tidak valid: {code}. Hanya huruf, angka dan tanda - (paling panjang 40).")
    wrong_check_digit = N_("Barcode {code} salah: angka ceknya seharusnya {digit}.")


# not found / duplicates
class NotFound(PosError):
    template = N_("Data tidak ditemukan.")


class ProductNotFound(NotFound):
    template = N_("Barang dengan kode {code} tidak ditemukan.")


class CustomerNotFound(NotFound):
    template = N_("Pelanggan {text} tidak ditemukan.")


class SaleNotFound(NotFound):
    template = N_("Nota {number} tidak ditemukan.")


class Duplicate(PosError):
    template = N_("{what} sudah terdaftar.")


# the counter
class EmptyCart(PosError):
    template = N_("Keranjang masih kosong.")


class PaymentShort(PosError):
    template = N_("Pembayaran kurang {short}.")


class PaymentInvalid(PosError):
    template = N_("Pembayaran tidak valid: {why}")


class NeedCustomer(PosError):
    template = N_("Pilih pelanggan dulu untuk {what}.")


class KasbonLimit(PosError):
    template = N_("Kasbon melebihi batas. Sisa batas {name}: {left}.")


class AlreadyCompleted(PosError):
    template = N_("Transaksi ini sudah tersimpan sebagai nota {number}.")


class InvalidState(PosError):
    template = N_("Tidak bisa {action}: status {state}.")


class ShiftRequired(PosError):
    template = N_("Buka shift dulu (kas awal) sebelum menerima uang.")


class NeedReason(PosError):
    template = N_("Tuliskan alasannya.")


class SerialRequired(PosError):
    template = N_("Nomor seri {name} belum diisi: tanpa nomor seri garansinya tidak bisa dicari.")


class RawMaterial(PosError):
    template = N_(
        "{name} adalah bahan resep tanpa harga jual: tidak dijual di kasir. Beri harga jual di Barang bila "
        "memang dijual."
    )


class QrisInvalid(PosError):
    template = N_("Kode QRIS tidak valid: {why}")


# staff
class NeedPin(PosError):
    template = N_("Tulis PIN-nya dulu.")


class WrongPin(PosError):
    template = N_("PIN salah. Sisa percobaan: {left}.")


class UserLocked(PosError):
    template = N_("{name} terkunci karena PIN salah 5 kali. Coba lagi pukul {until}.")


class PermissionDenied(PosError):
    template = N_("{name} tidak berhak {action}. Minta PIN pemilik.")


# storage
class StorageError(PosError):
    template = N_("Data tidak bisa disimpan: {why}. Tidak ada yang berubah; coba lagi.")


class ServerUnreachable(StorageError):
    template = N_(
        "Server database tidak terjangkau — {what} belum tersimpan, tidak ada yang setengah tertulis. "
        "Periksa jaringan dan server, lalu coba lagi."
    )


class ShopOpenError(PosError):
    template = N_("Tidak bisa membuka data toko {target}: {why}")


class ShopNotEmpty(PosError):
    template = N_("Database {target} sudah berisi data toko. Pakai --force untuk tetap mengisi data contoh.")


# paper
class PrinterError(PosError):
    template = N_("Printer tidak bisa dipakai: {why}. Penjualan sudah tersimpan; cetak ulang dari Riwayat.")


# files
class FileUnreadable(PosError):
    template = N_("File {name} tidak bisa dibaca: {why}.")


class FileUnwritable(PosError):
    template = N_("File {name} tidak bisa ditulis: {why}.")


# the customer book
class PhoneTaken(Duplicate):
    template = N_("Nomor {number} sudah dipakai pelanggan {name}.")


class TooLong(InvalidInput):
    template = N_("{field} terlalu panjang: paling banyak {limit} huruf.")


# approvals and staff (privileges enforced in the services)
class ApprovalInvalid(PermissionDenied):
    """An approval that proves nothing: not made by the owner's PIN, expired, or already used."""

    template = N_("Persetujuan pemilik tidak berlaku ({why}). Minta PIN pemilik lagi.")


class UserInactive(PosError):
    template = N_("{name} sudah dinonaktifkan dan tidak bisa masuk.")


class OwnerOnly(PermissionDenied):
    template = N_("{name} tidak berhak {action}: hanya pemilik yang boleh. Minta PIN pemilik.")


# the delivery board (pos/counter/delivery.py)
class CodNeedsDelivery(InvalidInput):
    template = N_(
        "Bayar di tempat (COD) hanya untuk pesanan antar sendiri atau lewat WhatsApp/Facebook/Instagram."
    )


class CodNoRewards(InvalidInput):
    template = N_(
        "Poin, voucher dan stempel tidak bisa dipakai pada pesanan COD; pakai saat pelanggan bayar di kasir."
    )


class NeedCourier(InvalidInput):
    template = N_("Tuliskan nama kurir yang mengantar (paling panjang {limit} huruf).")


class CodNeedsCash(InvalidInput):
    template = N_("{label} dibayar di tempat (COD): catat uang yang dibawa kurir.")


class AlreadyOnBoard(PosError):
    template = N_("Pesanan ini sudah ada di papan antaran.")


# a pasted chat order (pos/counter/chat_order.py)
class NoItemsRecognised(InvalidInput):
    template = N_("Tidak ada barang yang dikenali dari pesan ini.")
