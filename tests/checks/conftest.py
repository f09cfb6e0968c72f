"""Fixtures for the SQL check tests: one migrated warehouse for the session, the parsed sample,
and ``load``: a document through the real loader (``loader.load.pipeline.load_files``)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text


@pytest.fixture(scope="session")
def checks_url(make_warehouse) -> str:
    return make_warehouse("bwl_checks")


@pytest.fixture(scope="session")
def checks_engine(checks_url):
    eng = create_engine(checks_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def sample(parsed_sample):
    """The parsed real sample (the name the check cases use)."""
    return parsed_sample


@pytest.fixture(scope="session")
def load(checks_engine, sample_text):
    """Function: load a ParsedDocument as the sample file through the pipeline; its version id."""
    from loader.load.pipeline import load_files

    def _load(doc) -> int:
        (outcome,) = load_files(checks_engine, [str(sample_text)],
                                lambda path, year=None, unit=None: doc)
        assert outcome.outcome == "loaded", outcome.message
        return outcome.document_version_id

    return _load


@pytest.fixture(scope="session")
def findings(checks_engine):
    """Function: the stored findings of one version (all origins), in insertion order."""

    def _findings(version: int, origin: str | None = None) -> list[dict]:
        with checks_engine.connect() as conn:
            return [dict(r) for r in conn.execute(text("""
                SELECT origin, rule, severity, unit_code, fiscal_year, message, figures, difference
                FROM audit.finding
                WHERE document_version_id = :v AND (CAST(:o AS text) IS NULL OR origin = :o)
                ORDER BY finding_id
            """), dict(v=version, o=origin)).mappings()]

    return _findings


@pytest.fixture(scope="session")
def sample_version(load, sample) -> int:
    return load(sample)
