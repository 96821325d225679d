"""Web blueprints (filled in next)."""


def init_app(app):
    """Register the blueprints."""
