"""One exception hierarchy: every message names the bad value, where it came from, and what to do."""


class KGBError(Exception):
    """Base class of every error kg-builder raises on purpose."""


class InputError(KGBError):
    """An article or manifest that cannot be read as given (file, line and remedy in the message)."""


class ModelError(KGBError):
    """No usable spaCy model, or a model name that is not installed."""


class StoreError(KGBError):
    """The embedded store cannot be opened, read or written."""


class QueryError(KGBError):
    """A SPARQL query that cannot be parsed or run."""


class EndpointError(KGBError):
    """A remote SPARQL endpoint refused, failed or could not be reached."""


class ValidationError(KGBError):
    """Produced data that violates the SHACL shapes or a quality check."""


class DataError(KGBError):
    """A data file or data package kg-builder reads (gazetteers, lexicons) is missing or broken."""
