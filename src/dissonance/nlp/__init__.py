"""NLP: the spaCy pipeline that finds claims and findings, and its parts."""
