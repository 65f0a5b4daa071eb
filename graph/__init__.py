"""zhkg: a knowledge-graph builder for Chinese news (imported as ``graph``)."""

__version__ = "0.1.0"
