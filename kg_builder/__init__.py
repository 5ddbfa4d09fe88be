"""kg-builder: a temporal knowledge graph of attacks, claims and negotiations from news articles."""

__version__ = "0.1.0"
