"""The demo shops (warung, bakso, senapan): their catalogues, staff and customers, and the generator that
fills a shop with weeks of believable sales through the real services. Imports every area and pos.shop."""
