"""The shared vocabulary of the loader (see records.py)."""

from loader.model.records import (
    Alternative,
    DecidedBy,
    DocumentIdentity,
    DocumentKind,
    Finding,
    Inference,
    ParsedDocument,
    Row,
    Severity,
    SourceRef,
    Table,
    amount,
)

__all__ = [
    "Alternative",
    "DecidedBy",
    "DocumentIdentity",
    "DocumentKind",
    "Finding",
    "Inference",
    "ParsedDocument",
    "Row",
    "Severity",
    "SourceRef",
    "Table",
    "amount",
]
