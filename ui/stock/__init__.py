"""The stock screens: the stock page and its dialogs."""
