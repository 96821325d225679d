"""Storage (filled in next)."""


def init_app(app):
    """Attach the database to the app."""
