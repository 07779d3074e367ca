"""`speclint init`: a commented `.speclint.yaml` listing every option with its default."""

from __future__ import annotations

from io import StringIO
from typing import Any

from pydantic import BaseModel


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {(f.alias or n): _plain(getattr(value, n)) for n, f in type(value).model_fields.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _flow(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        m = CommentedMap(value)
        m.fa.set_flow_style()
        return m
    return value


def _mapping(model: type[BaseModel], instance: BaseModel, indent: int = 0):
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    out.fa.set_block_style()
    for name, field in model.model_fields.items():
        key = field.alias or name
        value = getattr(instance, name)
        if isinstance(value, BaseModel):
            out[key] = _mapping(type(value), value, indent + 2)
        elif key == "checks":
            out[key] = _check_options(indent + 2)
        else:
            out[key] = _flow(_plain(value))
        if field.description:
            out.yaml_set_comment_before_after_key(key, before=field.description, indent=indent)
    return out


def _check_options(indent: int):
    """Every check that has options, with their defaults."""
    from ruamel.yaml.comments import CommentedMap

    from .. import checks

    out = CommentedMap()
    out.fa.set_block_style()
    for code, check in checks.load().items():
        fields = check.options.model_fields
        if not fields:
            continue
        options = CommentedMap()
        options.fa.set_block_style()
        for name, field in fields.items():
            key = field.alias or name
            options[key] = _flow(_plain(field.default))
            if field.description:
                options.yaml_set_comment_before_after_key(key, before=field.description, indent=indent + 2)
        out[code] = options
        out.yaml_set_comment_before_after_key(code, before=f"{check.name}", indent=indent)
    return out


def render() -> str:
    """The text of a fresh configuration file."""
    from ruamel.yaml import YAML

    from ..workspace.config import Config

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    data = _mapping(Config, Config())
    stream = StringIO()
    stream.write(
        "# speclint configuration (every option with its default).\n"
        "# Codes can be given as codes (R001), prefixes (R, V00) or names (missing-rationale).\n"
        "# `speclint rule --all` lists the checks; `speclint rule CODE` explains one.\n\n"
    )
    yaml.dump(data, stream)
    return stream.getvalue()
