"""The store's one error type, apart from the store module so that every part of the data layer
(the writer's lock, the loaders) can raise it without importing the store's machinery."""


class StoreError(Exception):
    """A problem with the store that the user can act on; its message is one plain line."""
