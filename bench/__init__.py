"""The benchmark behind `python main.py bench`: the speed figures of the issues, measured on a
generated shop. A developer tool: the app never imports it."""
