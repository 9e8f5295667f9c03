"""Ingest: turn a user's folder or file into analysis input.

Users hand dissonance what they collected about a case: saved news pages,
statements pasted into text files, a spreadsheet export, a labelled set.
`read_collection` reads any of these into a stream of `InputDocument`s with
stable ids and records every problem in an `IngestReport`, so that nothing
is dropped without a line saying so.

    collection = read_collection("corpora/samples/la-vega")
    for doc in collection:
        ...
    for line in collection.report.lines():
        print(line)
"""

from .collection import Collection, read_collection
from .dates import DateError, normalise_date
from .report import IngestError, IngestProblem, IngestReport, SkippedFile
from .walk import FORMATS

__all__ = [
    "Collection", "read_collection",
    "IngestError", "IngestProblem", "IngestReport", "SkippedFile",
    "DateError", "normalise_date", "FORMATS",
]
