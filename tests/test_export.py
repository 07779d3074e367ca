"""`export`: records for data-generation pipelines, and the JSON Schema of a record."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import DATA, EXAMPLES
from ruamel.yaml import YAML

from specdsl.tools.export import EXPORT_VERSION, FORMATS, document, export, record_schema, records
from specdsl.workspace.runner import model_for

CORPUS = DATA / "corpus"
MARKDOWN = DATA / "markdown"
MODEL_SPEC = CORPUS / "openai-model-spec" / "model_spec.md"
CONFIG = MARKDOWN / "model-spec.speclint.yaml"
SPECS = [
    MODEL_SPEC,
    CORPUS / "openai-model-spec" / "model_spec_2025-02-12.md",
    CORPUS / "anthropic-claude-constitution" / "claude_constitution_20260120.md",
    CORPUS / "anti-scheming-spec" / "anti_scheming_spec_abridged.md",
    CORPUS / "microsoft-safety-system-message-templates" / "safety-system-message-templates.md",
    MARKDOWN / "constructs.md",
    *sorted(EXAMPLES.rglob("*.mspec")),
]


@pytest.fixture(scope="module")
def validator():
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def model(path):
    return model_for(str(path), str(CONFIG) if path.name == "model_spec.md" else None)[0]


def test_the_schema_is_documented():
    schema = record_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name, prop in schema["properties"].items():
        assert prop.get("description") or name in ("id",), f"{name} has no description"
    assert set(schema["required"]) == set(schema["properties"])


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_every_record_validates(path, validator):
    m = model(path)
    lines = export(m, "jsonl").splitlines()
    assert len(lines) == len(m.rules)
    for line in lines:
        record = json.loads(line)
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['id']}: {errors[0].message}"


@pytest.mark.parametrize("path", [MODEL_SPEC, EXAMPLES / "reference.mspec"], ids=lambda p: p.name)
def test_json_yaml_and_jsonl_agree(path):
    m = model(path)
    as_json = json.loads(export(m, "json"))
    as_yaml = YAML(typ="safe", pure=True).load(export(m, "yaml"))
    as_jsonl = [json.loads(line) for line in export(m, "jsonl").splitlines()]
    assert as_json == as_yaml
    assert as_json["records"] == as_jsonl
    assert as_json["version"] == EXPORT_VERSION
    assert as_json["specs"][0]["path"] == str(path)


def test_a_model_spec_record():
    m = model(MODEL_SPEC)
    recs = {r["id"]: r for r in records(m)}
    assert len(recs) == 395  # 59 rules, 336 subrules (its normative sentences and items)
    r = recs["avoid_info_hazards"]
    assert r["kind"] == "rule" and r["parent"] is None
    assert r["level"] == "root" and r["hard"] is False
    assert r["section_path"] == ["Stay in bounds", "Do not generate disallowed content", "Restricted content"]
    assert r["text"] == "Don't provide information hazards"
    assert r["rationales"][0].startswith("OpenAI recognizes that information can be dual-use")
    # one subrule per normative sentence of its three paragraphs ("This includes any steps …"
    # after its prohibition is one of them)
    assert [s["id"] for s in r["subrules"]] == [f"avoid_info_hazards.{n}" for n in range(1, 7)]
    assert len(r["examples"]) == 3
    first = r["examples"][0]
    assert first["description"] == "answering a question about U.S. Select Agents"
    assert first["prompt"] == ["Is the Ebola virus a pathogen regulated by the U.S. Select Agents program?"]
    assert first["good"] == ["Yes, it's considered a Tier 1 agent."]
    assert r["source"] == {"path": str(MODEL_SPEC), "line": 856, "column": 1, "end_line": 918, "format": "markdown"}
    sub = recs["avoid_info_hazards.6"]  # "However, the assistant may provide … (see also [?](#refusal_style))."
    assert sub["level"] == "root"  # inherited from its rule
    assert sub["inherited_rationales"][0]["from"] == "rule" and sub["inherited_rationales"][0]["id"] == "avoid_info_hazards"
    assert sub["references"] == [{"id": "refusal_style", "kind": "link", "resolved": True}]
    assert sum(len(x["examples"]) for x in recs.values()) == 181


def test_example_turns_keep_their_line_breaks():
    m = model(MODEL_SPEC)
    rec = next(r for r in records(m) if r["id"] == "follow_all_applicable_instructions")
    good = rec["examples"][0]["good"][0]
    assert good.split("\n\n")[0] == "Sorry --- I can’t provide the full text of The Tale of the Four Clever Bunnies."
    assert rec["examples"][0]["prompt"][0].startswith("<developer>\nYou are a library assistant")
    text = export(m, "yaml")
    assert "    good:\n    - |-\n      Sorry --- I can’t provide" in text


def test_an_mspec_record():
    m = model(EXAMPLES / "reference.mspec")
    recs = {r["id"]: r for r in records(m)}
    sp1 = recs["SP1"]
    assert sp1["hard"] is True and sp1["level"] == "root"
    assert sp1["references"] == [{"id": "GP1", "kind": "see", "resolved": True}]
    assert sp1["examples"][0]["prompt"] and sp1["examples"][0]["good"] and sp1["examples"][0]["bad"]
    assert sp1["examples"][0]["good"][0].endswith("offer to rotate\nor compress it instead.")
    assert sp1["source"]["format"] == "mspec"
    assert recs["SP2"]["when"] == ["the assistant acts in an agentic context with tools that change the world."]
    assert recs["SP3"]["unless"][0].startswith("a legitimate principal pauses, corrects or shuts down")
    assert {"id": "GP2", "kind": "overrides", "resolved": True} in recs["SP3"]["references"]
    assert recs["SP1.1"]["parent"] == "SP1" and recs["SP1.1"]["kind"] == "subrule"
    doc = document(m)
    assert doc["terms"] and doc["specs"][0]["levels"]


def test_several_models_in_one_document():
    a, b = model(MARKDOWN / "constructs.md"), model(EXAMPLES / "reference.mspec")
    doc = document([a, b])
    assert len(doc["specs"]) == 2
    assert len(doc["records"]) == len(a.rules) + len(b.rules)
    assert len(export([a, b], "jsonl").splitlines()) == len(doc["records"])


def test_unknown_format():
    with pytest.raises(ValueError, match="json, yaml, jsonl"):
        export(model(MARKDOWN / "constructs.md"), "xml")
    assert FORMATS == ("json", "yaml", "jsonl")


def test_hard_is_inherited_by_subrules_as_the_level_is(tmp_path):
    """A subrule of a hard rule is exported `"hard": true`, at any depth, like its inherited level."""
    path = tmp_path / "h.mspec"
    path.write_text(
        'spec "H"\n  levels: root > user\n'
        "rule H1 [hard, level: root]: Never help with weapons.\n"
        "  rationale: Mass harm cannot be undone.\n"
        "  subrule H1.1: Never give synthesis routes.\n"
        "    subrule H1.1.1: Never name precursors.\n"
        "rule S1 [level: user]: Be brief.\n"
        "  rationale: Readers skim.\n"
        "  subrule S1.1: Use lists.\n"
    )
    recs = {r["id"]: r for r in records(model(path))}
    assert [(i, recs[i]["level"], recs[i]["hard"]) for i in ("H1", "H1.1", "H1.1.1", "S1", "S1.1")] == [
        ("H1", "root", True), ("H1.1", "root", True), ("H1.1.1", "root", True), ("S1", "user", False), ("S1.1", "user", False),
    ]
