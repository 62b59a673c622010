from .store import ConflictError, NotFoundError, SegmentFilter, Store  # noqa: F401
