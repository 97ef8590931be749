"""Widgets of the reader: article body, side panel, timeline, source meter, search bar."""
