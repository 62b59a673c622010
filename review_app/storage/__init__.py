"""The only place with SQL: the schema and its migrations, the engine, row mappers,
the review-queue queries, and the Store whose methods are named after use cases."""
from .store import Store

__all__ = ["Store"]
