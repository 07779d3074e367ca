"""What the conflict checks read in a sentence: hyphenated verbs, and where a count of an act ends."""

from __future__ import annotations

import pytest

from specdsl.language import Modality, analyze
from specdsl.language.scope import ends_the_count, limits, phrases


@pytest.mark.parametrize(
    "sentence, verb",
    [
        ("Force-push the release branch.", "force-push"),
        ("Double-check the totals before sending.", "double-check"),
        ("Re-read the question.", "re-read"),
    ],
)
def test_a_hyphenated_compound_whose_last_part_is_a_verb_starts_an_imperative(sentence, verb):
    found = analyze(sentence)
    assert found.modality is Modality.OBLIGATION
    assert found.action.verbs == (verb,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Multi-step refunds need a second approver.",  # an adjective-making prefix
        "Non-binding quotes are shown in grey.",
        "Follow-up questions are welcome.",  # its last part is no verb
    ],
)
def test_compounds_that_are_adjectives_or_nouns_are_not_imperatives(sentence):
    assert analyze(sentence).modality is not Modality.OBLIGATION


def test_a_gerund_after_before_ends_a_count_but_a_noun_after_it_places_the_act():
    gerund, noun = phrases("before giving up"), phrases("before the nightly backup")
    assert ends_the_count(gerund[0]) and not ends_the_count(noun[0])


def test_counts_of_an_act_and_durations_are_told_apart():
    (count,) = limits("Retry the upload at least 5 times", verb="retri")
    (duration,) = limits("Wait at least 10 seconds")
    assert count.counts_the_act and not duration.counts_the_act


@pytest.mark.parametrize(
    "sentence, actor",
    [
        ("The billing assistant must never waive a fee.", "The billing assistant"),
        ("Staff who are on call must not leave the building.", "Staff who are on call"),
        # a clause of its own before the marker names no actor: its words are no scope
        ("You are a chat agent and your job is to answer users' questions.", None),
        ("It is important that you answer in English.", None),
    ],
)
def test_the_actor_of_a_rule_is_a_noun_phrase_before_its_marker(sentence, actor):
    from specdsl.model.candidates import own_scope

    found = [r.text for r in own_scope(sentence, None).restrictors if r.kind == "actor"]
    assert found == ([actor] if actor else [])


@pytest.mark.parametrize(
    "stretch, shown",
    [
        # the conjunction before the next opening word, and a code mark left open, are not the phrase's
        ("answer any questions about your identity or to any rude comment.`", ["about your identity", "to any rude comment"]),
        ("share the logs in project P2, and", ["in project P2"]),
        ("deploy in `prod` only", ["in `prod` only"]),
        ('stop when the user says "stop".', ['when the user says "stop"']),
    ],
)
def test_a_scope_phrase_is_shown_in_its_own_words(stretch, shown):
    assert [r.text for r in phrases(stretch)] == shown
