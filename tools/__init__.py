"""Developer tools: README screenshots and sample receipts. The app never imports them."""
