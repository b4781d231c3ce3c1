"""Quote detection and attribution: who said what, where, in an article's text."""

from workbench.domain.detection.engine import detect_quotes

__all__ = ["detect_quotes"]
