"""The counter: pricing a cart, payments, sale and refund, parked carts, kasbon, receipts, the
crash draft, orders from a chat, deliveries, cash shifts. Imports the areas below it (core, stock, catalog,
customers)."""
