"""Paper: receipts, invoices, vouchers and shift slips as PDF (reportlab) and ESC/POS bytes. No Qt."""

from reportlab import rl_config

rl_config.useA85 = 0  # binary streams: smaller and faster than ASCII85
