"""What every area shares: money, errors, words (i18n), the clock, text and phone rules, the one
transaction per service (tx), the journal every change is written to, settings, staff and PINs, the cart
value, barcodes and QRIS codes, table files. Imports only db/ and itself."""
