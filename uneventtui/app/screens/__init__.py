"""Screens of the explorer: the main split, the source reader, help, the track filter."""
