"""The catalogue screens: the product list, the product dialog, import, bulk prices, categories,
labels."""
