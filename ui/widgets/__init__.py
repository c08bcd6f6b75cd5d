"""Pieces every screen shares: wheel-safe boxes, dialogs, file choosers, the worker thread, the
QR painter, the table model."""
