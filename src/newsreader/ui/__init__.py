"""The Textual reader: app, screens, widgets; ``render.py`` turns text into styled Content."""
