"""Domain errors raised by graph/ and loaders/; api/ maps them to HTTP once, at the edge."""


class GeoKGError(Exception):
    """Base class; the message is meant for users."""


class NotFound(GeoKGError):
    pass


class InvalidInput(GeoKGError):
    pass


class Unavailable(GeoKGError):
    """Neo4j cannot be reached (down, restarting, wrong credentials)."""


class Forbidden(GeoKGError):
    """A request tried something it is not allowed to (e.g. a write through /cypher)."""
