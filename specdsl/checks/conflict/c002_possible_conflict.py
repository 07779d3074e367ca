"""C002 possible-conflict (semantic tier)."""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Diagnostic, Severity
from ...model.model import SpecModel, related
from ..base import check, finding
from ..wording import advice
from ..edits import precedence_fix
from ...language import Modality
from ...model.candidates import describe, opposed, related_by_ancestry, same_action


def possible_conflicts(model: SpecModel, threshold: float):
    """(a, b, similarity) for rule pairs that mean nearly the same and pull in opposite
    directions, which C001 has not already proved and nothing orders."""
    from ...semantic import evidence

    for a, b, similarity in evidence.view(model).rule_pairs(threshold, "opposed"):
        # the view has kept only pairs of opposite polarity by meaning (not a paraphrase that
        # agrees, such as "keep it private" / "never reveal it"), neither under a condition
        # (a condition may keep them apart: C004's ground, not a conflict)
        if a.info.parent is not None and a.info.parent is b.info.parent:
            continue  # subrules of one rule are read together: a prohibition and its carve-out
        x, y = a.analysis, b.analysis
        if not _comparable(x) or not _comparable(y):
            continue  # no action found in the words: nothing to say it conflicts about
        if evidence.different_objects(x, y):
            continue  # "always log requests" / "never log payment data": different things
        if _settled(model, a, b):
            continue
        yield a, b, similarity


def _settled(model: SpecModel, a, b) -> bool:
    """Whether no C002 finding is about this pair, with a judge or without: a rule and its
    own subrule (the subrule narrows it), a pair C001 proves by the words alone, or a pair
    a precedence, a level or a priority orders (resolved)."""
    x, y = a.analysis, b.analysis
    return (
        related_by_ancestry(a.info, b.info)
        or (opposed(x, y) and same_action(x, y))
        or model.precedence_between(a.info, b.info) is not None
    )


def _message(model: SpecModel, this, other, similarity: float) -> str:
    """Both rules as the analysis read them (`requires`, `forbids` or `allows` and the
    action), so that the reader sees why they pull apart, then what to do (in the file's terms)."""
    return (
        f"{describe(this)}, and {describe(other)}: they mean nearly the same (similarity "
        f"{similarity:.2f}) but pull opposite ways; if they conflict, {advice(model, this.info.path, 'narrow')}"
    )


def _comparable(analysis) -> bool:
    action = analysis.action
    return action is not None and bool(action.text.strip())


@check("C002", "possible-conflict", Severity.WARNING, tier="semantic", default=False)
def possible_conflict(model: SpecModel, options) -> Iterator[Diagnostic]:
    """What it finds:
        Two rules that say nearly the same thing in different words, where
        one asks for (or allows) what the other asks to avoid: "Never
        disclose a customer's card number" and "Read the full card digits
        back to the caller". Needs the semantic tier (`--semantic`): the
        embeddings find rules with the same meaning, the language analysis
        finds that their polarity is opposite. Pairs that C001 already
        proves, pairs ordered by precedence, levels or priority, a rule and
        its subrules, subrules of one rule (a prohibition and its carve-out
        are read together), pairs where
        one rule has a condition or an exception, and pairs with the same
        verb on different objects ("always log requests" / "never log
        payment data") are left out. With a judge (`judge:` in the
        configuration and `speclint check --judge`), a model behind an
        OpenAI-compatible endpoint decides each candidate pair (conflict,
        undeclared exception, or compatible, with one sentence why) instead
        of the similarity threshold; its sentence is in the message. In a
        Markdown or prompt document it also reads the paragraph each rule
        stands in and, for two rules a few lines apart, the text between
        them, where an "Otherwise, …" or "regardless of …" often settles
        the pair. The
        judge is also shown each rule's nearest rules by meaning whatever
        their polarity (`neighbours:`), since two requirements can pull
        apart too ("accuracy comes first" / "safety comes first").

        Off by default (run it with `--select C002`): on real specs nobody
        here wrote, judged blind, a sample of its findings was almost all
        wrong (README, "On real specs, judged blind"). With a judge, a
        model's recorded answers made 24 findings on the review corpus's
        dev half and 8 on its test half, right 0.42 and 0.50 of the time,
        but found few of the conflicts blind readers listed (README, "The
        judge, measured with a model's recorded answers").

    Why it matters:
        Conflicts rarely use the same words twice. A model trained on both
        rules learns that either may be dropped; the lexical tier cannot
        prove the conflict, so a reviewer has to look.

    Example:
        rule PAY2: Never disclose a customer's card number.
        rule ID4: Read back the full credit card digits to the caller.

    Fix:
        If they do conflict, decide: narrow one rule with `when:` or
        `unless:`, or say which wins (`precedence: PAY2 > ID4`, `overrides:`,
        levels). If they do not, suppress the finding with a reason.
    """
    threshold = model.config.semantic.conflict_threshold
    judge = model.__dict__.get("_judge")
    if judge is not None:
        yield from _judged(model, judge, threshold)
        return
    for a, b, similarity in possible_conflicts(model, threshold):
        yield from _pair(model, a, b, _message, similarity, {"tier": "semantic", "similarity": round(similarity, 3)})


def _pair(model: SpecModel, a, b, message, similarity: float, data: dict) -> Iterator[Diagnostic]:
    """The two findings of a pair, one on each rule, each naming the other."""
    fix = precedence_fix(model, a.info, b.info)
    for this, other in ((a, b), (b, a)):
        yield finding(
            this.info.rule.id_span,
            message(model, this, other, similarity),
            path=this.info.path,
            rule=this.info.id,
            related=[related(other.info, f"the possibly conflicting rule `{other.info.id}`")],
            fix=fix,
            data=dict(data),
        )


def judge_pairs(model: SpecModel, judge, threshold: float) -> list[tuple]:
    """What a judge is shown, most similar first: (a, b, similarity, opposed) for the
    opposed pairs C002 reports without a judge (at or above the judge's
    `candidate-threshold`), and for each rule its `neighbours` nearest rules by
    meaning at or above that threshold, whatever their polarity and wording (a
    requirement against a prohibition in other words, two obligations that each
    claim to come first, a permission that carves into a prohibition). Left out:
    a rule and its own subrule, two permissions (both can always be used), pairs
    C001 proves by the words, and pairs a precedence, a level or a priority orders.
    `opposed` says whether the pair would be reported by similarity alone when the
    judge cannot answer."""
    from ...semantic import evidence

    low = min(judge.candidate_threshold, threshold)
    chosen: dict[tuple[int, int], tuple] = {}
    for a, b, similarity in possible_conflicts(model, low):
        chosen[_pair_key(a, b)] = (a, b, similarity, True)
    for a, b, similarity in evidence.view(model).neighbours(judge.candidate_threshold, judge.neighbours):
        key = _pair_key(a, b)
        if key in chosen or (a.analysis.modality is Modality.PERMISSION and b.analysis.modality is Modality.PERMISSION):
            continue  # two permissions can always both be used
        if not _settled(model, a, b):
            chosen[key] = (a, b, similarity, False)
    # the most similar first: `max-pairs` leaves out the least likely; document order breaks ties
    return sorted(chosen.values(), key=lambda p: (-p[2], p[0].info.index, p[1].info.index))


def _pair_key(a, b) -> tuple[int, int]:
    return tuple(sorted((a.info.index, b.info.index)))


def _judged(model: SpecModel, judge, threshold: float) -> Iterator[Diagnostic]:
    """C002 with a model judge (`speclint check --judge`): every pair of `judge_pairs`
    is shown to it, and its verdict decides; a pair it cannot decide (see
    `semantic.judge`) is decided as without a judge: an opposed pair by `threshold`,
    a neighbour pair not at all (nearness alone is no conflict)."""
    from ...semantic import judge as judging

    for a, b, similarity, by_similarity in judge_pairs(model, judge, threshold):
        verdict = judging.decide(judge, model, a.info, b.info)
        if verdict is None:
            if by_similarity and similarity >= threshold:
                yield from _pair(model, a, b, _message, similarity, {"tier": "semantic", "similarity": round(similarity, 3)})
            continue
        if verdict.verdict == "compatible":
            continue
        data = {"tier": "judge", "verdict": verdict.verdict, "model": verdict.model, "similarity": round(similarity, 3)}
        yield from _pair(model, a, b, _judged_message(verdict), similarity, data)


def _judged_message(verdict):
    def message(model: SpecModel, this, other, similarity: float) -> str:
        if verdict.verdict == "exception":
            what = "one is an exception to the other that neither says"
            todo = "write the exception down: " + advice(model, this.info.path, "acknowledge", other=other.info.id)
        else:
            what = "they conflict"
            todo = advice(model, this.info.path, "narrow")
        return f"{describe(this)}, and {describe(other)}: the judge ({verdict.model}) says {what}: “{verdict.reason}”; {todo}"

    return message
