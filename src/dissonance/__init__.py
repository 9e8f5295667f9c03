"""dissonance: official accounts against physical evidence."""
__version__ = "0.1.0"
