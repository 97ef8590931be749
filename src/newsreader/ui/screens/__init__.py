"""Screens: article, library, help, and the note, confirm and export modals."""
