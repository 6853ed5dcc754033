"""Writes of the grid app, each in a transaction: cases and their file, agreements, grids and
their import, legal help. Import from the modules: `from gonghui.grid.services import cases`."""
