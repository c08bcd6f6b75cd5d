"""Stock: the ledger of stock moves (receive, waste, count), the stock list, recipes that use raw
materials. Imports pos.core."""
