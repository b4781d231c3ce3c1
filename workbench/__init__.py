"""Quote Workbench: find, attribute and verify the quotes in news articles."""

__version__ = "0.1.0"
