"""The customer screens: the list, the profile, editing, import, merging, vouchers, posters."""
