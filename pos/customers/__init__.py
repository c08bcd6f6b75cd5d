"""Customers and keeping them: customer records and import, segments, loyalty points and tiers,
programs, stamps, gifts, vouchers, birthdays, merging, WhatsApp outreach, warranties, posters. Imports
pos.core, pos.stock and pos.catalog."""
