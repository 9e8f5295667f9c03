"""Training: rebuild every model under models/ from corpora/."""
