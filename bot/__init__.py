"""factbot: sourced answers about Israel's relations with the five Central Asian republics."""

__version__ = "0.1.0"
