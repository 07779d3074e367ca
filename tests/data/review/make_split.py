"""Draw the frozen dev/test split of the review corpus (run once; its output is split.yaml).

The split is by document, at random with a fixed seed, drawn within each kind
so that both halves hold every kind. It was drawn and committed before any
check was tuned on these documents, and is never drawn again: the test half
is the figure that counts, and nothing is tuned on it.
"""

import random
import sys

SEED = 20261203

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "openai-model-spec": ("corpus/openai-model-spec/model_spec.md", "spec"),
    "anthropic-claude-constitution": ("corpus/anthropic-claude-constitution/claude_constitution_20260120.md", "spec"),
    "anti-scheming-spec": ("corpus/anti-scheming-spec/anti_scheming_spec_abridged.md", "spec"),
    "open-assistant-guidelines": ("review/docs/open-assistant-guidelines/guidelines.md", "spec"),
    "swiss-ai-charter": ("review/docs/swiss-ai-charter/charter.md", "spec"),
    "apertus-value-specification": ("review/docs/apertus-value-specification/value_specification.md", "spec"),
    "microsoft-safety-system-message-templates": (
        "corpus/microsoft-safety-system-message-templates/safety-system-message-templates.md",
        "prompt",
    ),
    "grok-4-safety-prompt": ("review/docs/grok-4-safety-prompt/grok_4_safety_prompt.txt", "prompt"),
    "openhands-sdk-system-prompt": ("review/docs/openhands-sdk-system-prompt/system_prompt.j2", "prompt"),
    "codex-cli-gpt-5-1-prompt": ("review/docs/codex-cli-gpt-5-1-prompt/gpt_5_1_prompt.md", "prompt"),
    "codex-review-prompt": ("review/docs/codex-review-prompt/review_prompt.md", "prompt"),
    "goose-system-prompt": ("review/docs/goose-system-prompt/system.md", "prompt"),
    "opencode-beast-prompt": ("review/docs/opencode-beast-prompt/beast.txt", "prompt"),
    "memgpt-chat-system-prompt": ("review/docs/memgpt-chat-system-prompt/memgpt_chat.txt", "prompt"),
    "openhands-sdk-agents-md": ("review/docs/openhands-sdk-agents-md/AGENTS.md", "instructions"),
    "vscode-copilot-instructions": ("review/docs/vscode-copilot-instructions/copilot-instructions.md", "instructions"),
    "ruff-claude-md": ("review/docs/ruff-claude-md/CLAUDE.md", "instructions"),
    "cursorrules-code-guidelines": ("review/docs/cursorrules-code-guidelines/.cursorrules", "instructions"),
    "awesome-copilot-ai-safety-review-prompt": (
        "review/docs/awesome-copilot-ai-safety-review-prompt/ai-prompt-engineering-safety-review.prompt.md",
        "instructions",
    ),
    "openai-gpt-oss-safeguard-spam-policy": ("corpus/openai-gpt-oss-safeguard-spam-policy/policy.txt", "policy"),
    "github-acceptable-use-policies": ("review/docs/github-acceptable-use-policies/github-acceptable-use-policies.md", "policy"),
    "github-active-malware-policy": ("review/docs/github-active-malware-policy/github-active-malware-or-exploits.md", "policy"),
    "pypi-acceptable-use-policy": ("review/docs/pypi-acceptable-use-policy/Acceptable-Use-Policy.md", "policy"),
    "nemo-guardrails-llama-guard-policy": ("review/docs/nemo-guardrails-llama-guard-policy/prompts.yml", "policy"),
    "llama2-acceptable-use-policy": ("review/docs/llama2-acceptable-use-policy/USE_POLICY.md", "policy"),
    "codex-guardian-policy": ("review/docs/codex-guardian-policy/policy.md", "policy"),
    "github-community-guidelines": ("review/docs/github-community-guidelines/github-community-guidelines.md", "moderation"),
    "contributor-covenant-2-1": ("review/docs/contributor-covenant-2-1/code_of_conduct.md", "moderation"),
    "psf-coc-enforcement-procedures": ("review/docs/psf-coc-enforcement-procedures/Enforcement-Procedures.md", "moderation"),
    "us-nsm-ai-governance-framework": (
        "review/docs/us-nsm-ai-governance-framework/NSM-Framework-to-Advance-AI-Governance-and-Risk-Management-in-National-Security.md",
        "guideline",
    ),
    "gds-way-using-ai-assistants": ("review/docs/gds-way-using-ai-assistants/using-ai-assistants.html.md.erb", "guideline"),
    "asf-generative-tooling-guidance": ("review/docs/asf-generative-tooling-guidance/generative-tooling.md", "guideline"),
}


def draw(documents: dict[str, tuple[str, str]] = DOCUMENTS, seed: int = SEED) -> dict[str, str]:
    """Each document's half: within each kind, shuffled by `seed`, alternating test and dev."""
    rng = random.Random(seed)
    half = {}
    kinds = sorted({kind for _, kind in documents.values()})
    first = "test"
    for kind in kinds:
        slugs = sorted(s for s, (_, k) in documents.items() if k == kind)
        rng.shuffle(slugs)
        for i, slug in enumerate(slugs):
            other = "dev" if first == "test" else "test"
            half[slug] = first if i % 2 == 0 else other
        if len(slugs) % 2:  # an odd kind gives its extra document to the other half next time
            first = "dev" if first == "test" else "test"
    return half


def main() -> None:
    half = draw()
    out = [
        "# The frozen split of the review corpus, drawn by make_split.py (seed below).",
        "# Never edited, never drawn again: tune on dev only; test is the figure that counts.",
        f"seed: {SEED}",
        "documents:",
    ]
    out.extend(entries(DOCUMENTS, half))
    sys.stdout.write("\n".join(out) + "\n")


def entries(documents: dict[str, tuple[str, str]], half: dict[str, str]) -> list[str]:
    """The lines of split.yaml for `documents`, sorted by slug."""
    return [f"  {slug}: {{half: {half[slug]}, kind: {kind}, path: {path}}}" for slug, (path, kind) in sorted(documents.items())]


def later_draw(documents: dict[str, tuple[str, str]], seed: int, header: str) -> None:
    """Print a later batch's draw, to append to split.yaml: the same method as the first
    draw (by document, at random with `seed`, within each kind so that both halves hold
    every kind the batch has), over the batch's new documents only. It leaves the earlier
    draws and entries untouched; each batch has its own script and seed, run and
    committed before any check is read against or tuned on its documents."""
    sys.stdout.write("\n".join([f"  # {header}", *entries(documents, draw(documents, seed))]) + "\n")


if __name__ == "__main__":
    main()
