"""The lesson panels: one module each, declared in :mod:`explorer.panels`."""
