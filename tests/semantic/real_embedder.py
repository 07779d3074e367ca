"""The real embedding model as a fixture, for the semantic tests that load it (imported by them: a
second conftest.py would shadow the one of tests/ that other tests import)."""

from __future__ import annotations

import pytest

from specdsl import semantic


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The tier's default embedder, with an embedding cache of this module's own."""
    from specdsl.semantic import session

    session.reset()
    semantic.configure(cache_dir=tmp_path_factory.mktemp("semantic-cache"))
    yield session.embedder_for(None)
    session.reset()
