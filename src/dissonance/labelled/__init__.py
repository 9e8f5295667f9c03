"""The labelled-set format: models, reading with located problems, writing."""

from .io import LabelledSetError, Problem, ReadReport, iter_documents, read_set, write_set
from .schema import Claim, Document, Finding, Incident, InputDocument, Relation

__all__ = [
    "Claim", "Document", "Finding", "Incident", "InputDocument", "Relation",
    "LabelledSetError", "Problem", "ReadReport", "iter_documents", "read_set", "write_set",
]
