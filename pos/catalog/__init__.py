"""The catalogue: products, categories, channels and their prices, product import/export, bulk
prices, shelf labels. Imports pos.core and pos.stock."""
