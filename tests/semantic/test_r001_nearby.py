"""R001 under the semantic tier: a reason in plain words near a prose rule withdraws the finding.

Skipped when the semantic extra is not installed. The sentences here are not
in the head's training set (`specdsl/semantic/data/sentences.yaml`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from specdsl import semantic

from real_embedder import real  # noqa: E402,F401  (the fixture)

pytestmark = pytest.mark.skipif(not semantic.available(), reason=semantic.unavailable_reason() or "")

TRAINING = Path(semantic.__file__).parent / "data" / "sentences.yaml"

#: A rule with a sentence beside it that gives its reason, without a marker word.
BESIDE_REASON = "# Cards\n\nNever paste a customer's card number into a ticket. A leaked card number lets a stranger empty the account.\n"
#: The same rule, with a sentence beside it that only describes.
BESIDE_FACT = "# Cards\n\nNever paste a customer's card number into a ticket. The card number has sixteen digits.\n"
#: A list whose lead-in gives the reason.
LEAD_IN_REASON = (
    "# Prices\n\nA misquoted price can cost the shop a sale or a lawsuit.\n\n"
    "- Show the price with its currency.\n- Round prices to whole cents.\n"
)
LEAD_IN_FACT = "# Prices\n\nPrices are shown in euros.\n\n- Show the price with its currency.\n- Round prices to whole cents.\n"
#: The reason-like neighbour is a rule itself: it explains nothing, it is reported.
BESIDE_RULE = (
    "# Cards\n\nNever paste a customer's card number into a ticket. "
    "Always tell the caller that a leaked card number lets a stranger empty the account.\n"
)


def _r001(text: str, on: bool, path: str = "spec.md") -> list[str]:
    from specdsl.linting.linter import LintOptions, lint
    from specdsl.workspace.settings import Config

    options = LintOptions(config=Config.model_validate({"semantic": {"enabled": on}}), select=["R001"])
    return [d.rule for d in lint(text, path, options=options) if d.code == "R001"]


def test_the_sentences_here_are_not_in_the_training_set():
    text = TRAINING.read_text(encoding="utf-8")
    for spec in (BESIDE_REASON, LEAD_IN_REASON):
        for line in spec.splitlines():
            for sentence in line.split(". "):
                if len(sentence.split()) > 3:
                    assert sentence.strip(" .-#") not in text


@pytest.mark.parametrize("spec", [BESIDE_REASON, LEAD_IN_REASON], ids=["beside", "lead-in"])
def test_a_reason_near_the_rule_withdraws_r001(real, spec):
    assert _r001(spec, on=False)  # the lexical tier sees no marker word
    assert _r001(spec, on=True) == []


@pytest.mark.parametrize("spec", [BESIDE_FACT, LEAD_IN_FACT, BESIDE_RULE], ids=["fact", "lead-in-fact", "rule"])
def test_a_neighbour_that_only_describes_or_instructs_keeps_r001(real, spec):
    assert _r001(spec, on=True) == _r001(spec, on=False) != []


def test_mspec_rules_are_left_alone(real):
    spec = "rule P1: Never paste a customer's card number into a ticket.\n"
    assert _r001(spec, on=True, path="spec.mspec") == ["P1"]


def test_a_suppression_of_a_withdrawn_finding_is_not_called_unused(real):
    from specdsl.linting.linter import LintOptions, lint
    from specdsl.workspace.settings import Config

    text = BESIDE_REASON.replace("# Cards\n\n", "# Cards\n\n<!-- speclint: ignore[R001] reason: explained beside it -->\n")
    options = LintOptions(config=Config.model_validate({"semantic": {"enabled": True}}), select=["R001", "S007"])
    assert [d.code for d in lint(text, "spec.md", options=options)] == []


def test_the_editors_semantic_pass_withdraws_what_the_command_line_does(real, tmp_path):
    """`lsp.state`: the pass withdraws R001 from the lexical run of its text; a pass over an
    older text withdraws it only on the rules that are word for word as they were."""
    from specdsl.lsp.state import lint_run, refine, with_semantic

    path = str(tmp_path / "spec.md")
    text = BESIDE_REASON + "\n# Phones\n\nRead the number back to the caller.\n"

    def r001(run) -> list[str]:
        return sorted(d.rule for found in run.by_path.values() for d in found if d.code == "R001")

    lexical = lint_run(path, text, 1, loader=lambda p: "")
    assert len(r001(lexical)) == 2
    semantic = refine(lexical, lint_run(path, text, 1, loader=lambda p: "", semantic=True))
    now = with_semantic(lexical, semantic)
    assert r001(now) == _r001(text, on=True, path="spec.md") and len(r001(now)) == 1
    # typing in the other rule: the withdrawal stays while the next pass runs
    typed = text.replace("back to the caller", "back to every caller")
    assert len(r001(with_semantic(lint_run(path, typed, 2, loader=lambda p: ""), semantic))) == 1
    # rewording the withdrawn rule itself: its finding comes back at once
    reworded = text.replace("into a ticket", "into a support ticket")
    assert len(r001(with_semantic(lint_run(path, reworded, 3, loader=lambda p: ""), semantic))) == 2
