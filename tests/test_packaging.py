"""The package layout: every package directory ships, the grammar ships."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapping = config["package-dir"]
    found = set()
    for package, directory in mapping.items():
        base = ROOT / directory
        for init in base.rglob("__init__.py"):
            if "__pycache__" in init.parts:
                continue
            rel = init.parent.relative_to(base)
            found.add(".".join([package, *rel.parts]) if rel.parts else package)
    assert found == listed, f"add to pyproject.toml: {sorted(found - listed)}; remove: {sorted(listed - found)}"


def test_grammar_is_importable_as_package_data():
    from importlib import resources

    text = resources.files("specdsl.grammar").joinpath("spec.lark").read_text()
    assert "RULE_KW" in text
