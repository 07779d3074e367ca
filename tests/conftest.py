"""Shared fixtures: paths of the shipped examples and the normative reference."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
REFERENCE = EXAMPLES / "reference.mspec"

# The semantic tier exports its model for ONNX Runtime once per machine, into
# the user's cache folder; the tests (and the servers and CLIs they start) keep
# theirs in the temporary folder instead, shared by the test workers.
os.environ.setdefault(
    "SPECLINT_MODEL_CACHE", os.path.join(tempfile.gettempdir(), f"speclint-test-models-{os.getuid()}")
)


def speclint_executable() -> str:
    """The installed `speclint` console script (the tests drive it as a user would)."""
    exe = shutil.which("speclint", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        pytest.fail("the speclint executable is not installed; run `pip install -e '.[dev]'`")
    return exe


def run_speclint(*args: str, cwd: str | os.PathLike | None = None, input: str | None = None, env=None):
    """Run the installed `speclint` and return the completed process (text mode)."""
    environment = dict(os.environ)
    environment.pop("NO_COLOR", None)
    if env:
        environment.update(env)
    return subprocess.run(
        [speclint_executable(), *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture
def run():
    return run_speclint


def revalidated(spec):
    """`spec` read back through a validator built from the AST's annotations.

    The front ends build nodes without checking their types (the AST is plain
    classes); this rebuilds the tree from `to_dict()` with pydantic's
    `TypeAdapter` over those classes, so a node of the wrong kind, a missing
    field or a value of the wrong type in any node fails here."""
    from pydantic import TypeAdapter

    from specdsl.syntax.ast import Spec

    return TypeAdapter(Spec).validate_python(spec.to_dict())
