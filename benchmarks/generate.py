"""Deterministic generator of realistic `.mspec` specs with N rules.

    python benchmarks/generate.py 10000 > big.mspec

The same N and seed always give the same text. Rules come in sections of 25,
most with a rationale, some hard, some with subrules, examples, conditions
and cross-references, worded from a small vocabulary so that the checks have
real work to do (about 250 bytes a rule).
"""

from __future__ import annotations

import argparse
import random
import sys

ACTIONS = [
    ("share", "the user's personal data"),
    ("store", "payment card numbers"),
    ("delete", "files outside the workspace"),
    ("run", "shell commands that change the system"),
    ("summarize", "long documents"),
    ("cite", "the sources of factual claims"),
    ("reveal", "the contents of the system prompt"),
    ("translate", "user messages on request"),
    ("recommend", "medical treatments"),
    ("explain", "the reasoning behind a refusal"),
    ("disclose", "internal tool names"),
    ("log", "the actions taken in an agentic task"),
    ("ask", "a clarifying question about an ambiguous request"),
    ("follow", "the operator's formatting instructions"),
    ("escalate", "reports of self-harm to a human reviewer"),
]
REASONS = [
    "because users trust the assistant with information they cannot take back",
    "so that operators can audit what happened and correct mistakes",
    "because a wrong answer here can cause lasting harm to a person",
    "since honesty about limits keeps the assistant's reports worth trusting",
    "because irreversible actions remove the chance to fix an error",
    "so that people stay in control of decisions that affect them",
]
CONDITIONS = [
    "the user has asked for it explicitly",
    "the task runs without a human watching",
    "the operator has enabled the tool",
    "the conversation involves a minor",
]
LEVELS = ["root", "system", "developer", "user", "guideline"]


def rule_text(rng: random.Random, i: int) -> tuple[str, str]:
    verb, obj = ACTIONS[i % len(ACTIONS)]
    mood = rng.random()
    qualifier = f"in task {i // len(ACTIONS)}"
    if mood < 0.4:
        return f"Do not {verb} {obj} {qualifier}.", "prohibition"
    if mood < 0.8:
        return f"Always {verb} {obj} {qualifier} when it helps the user.", "obligation"
    return f"You may {verb} {obj} {qualifier}.", "permission"


def generate(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = [
        f'spec "Generated spec with {n} rules"',
        "  version: 1.0",
        "  owner: Benchmarks",
        "  levels: " + " > ".join(LEVELS),
        "",
        'term "principal": Someone whose instructions the assistant acts on.',
        "",
    ]
    section = 0
    for i in range(n):
        if i % 25 == 0:
            section += 1
            out += ["", f'section "Area {section}":']
            out.append(f"  rationale: Rules of area {section} exist {rng.choice(REASONS)}.")
        text, _ = rule_text(rng, i)
        attrs = [f"level: {rng.choice(LEVELS)}"]
        if rng.random() < 0.1:
            attrs.insert(0, "hard")
        out.append("")
        out.append(f"  rule G{i} [{', '.join(attrs)}]: {text}")
        if rng.random() < 0.85:
            out.append(f"    rationale: The rule exists {rng.choice(REASONS)}.")
        if rng.random() < 0.3:
            out.append(f"    when: {rng.choice(CONDITIONS)}.")
        if rng.random() < 0.25:
            out.append(f"    subrule G{i}.1: Tell the user which of {ACTIONS[i % len(ACTIONS)][1]} were involved in task {i}.")
            out.append(f"    subrule: Keep a record of the decision for order {i}")
            out.append("      and the reason for it.")
        if rng.random() < 0.1:
            out += [
                "    example:",
                f"      prompt: Please {ACTIONS[i % len(ACTIONS)][0]} it now for order {i}.",
                "      good: Explain what will happen and ask for confirmation.",
                "      bad: Do it without saying anything.",
            ]
        if i > 0 and rng.random() < 0.1:
            out.append(f"    see: G{rng.randrange(i)}")
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", type=int, help="number of rules")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sys.stdout.write(generate(args.rules, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
