"""Draw the dev/test split of the second batch of review documents (run once; its output is appended to split.yaml).

Same method as make_split.py: the split is by document, at random with a fixed
seed, drawn within each kind so that both halves hold every kind the batch has.
It leaves make_split.py's draw and the existing entries of split.yaml
untouched: this is a separate, second draw over the new documents only, made
and committed before any check was read against or tuned on them.
"""

import random
import sys

SEED = 20261204

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "mozilla-community-participation-guidelines": (
        "review/docs/mozilla-community-participation-guidelines/cpg_en.md",
        "moderation",
    ),
    "citizen-code-of-conduct": ("review/docs/citizen-code-of-conduct/citizen_code_of_conduct.md", "moderation"),
    "rust-code-of-conduct": ("review/docs/rust-code-of-conduct/code-of-conduct.hbs", "moderation"),
    "django-code-of-conduct": ("review/docs/django-code-of-conduct/CODE_OF_CONDUCT.md", "moderation"),
    "llama-cpp-agents-md": ("review/docs/llama-cpp-agents-md/AGENTS.md", "instructions"),
    "transformers-agents-md": ("review/docs/transformers-agents-md/AGENTS.md", "instructions"),
    "zed-rules": ("review/docs/zed-rules/.rules", "instructions"),
    "zed-assistant-system-prompt": ("review/docs/zed-assistant-system-prompt/assistant_system_prompt.hbs", "prompt"),
    "swe-agent-default-config": ("review/docs/swe-agent-default-config/default.yaml", "prompt"),
    "moj-engineering-ai-governance-framework": (
        "review/docs/moj-engineering-ai-governance-framework/ai-governance-framework.html.md.erb",
        "guideline",
    ),
    "home-office-using-generative-ai": ("review/docs/home-office-using-generative-ai/using-generative-ai.md", "guideline"),
    "home-office-use-ai-tools": ("review/docs/home-office-use-ai-tools/use-ai-tools.md", "guideline"),
}


def draw() -> dict[str, str]:
    rng = random.Random(SEED)
    half = {}
    kinds = sorted({kind for _, kind in DOCUMENTS.values()})
    first = "test"
    for kind in kinds:
        slugs = sorted(s for s, (_, k) in DOCUMENTS.items() if k == kind)
        rng.shuffle(slugs)
        for i, slug in enumerate(slugs):
            other = "dev" if first == "test" else "test"
            half[slug] = first if i % 2 == 0 else other
        if len(slugs) % 2:  # an odd kind gives its extra document to the other half next time
            first = "dev" if first == "test" else "test"
    return half


def main() -> None:
    half = draw()
    out = [f"  # second draw (make_split2.py, seed {SEED}), added 2026-12-03 before any reading or tuning"]
    for slug in sorted(DOCUMENTS):
        path, kind = DOCUMENTS[slug]
        out.append(f"  {slug}: {{half: {half[slug]}, kind: {kind}, path: {path}}}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
