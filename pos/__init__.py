"""The shop's domain: catalogue, counter, customers, loyalty, stock, staff, journal, reports. No Qt here."""
