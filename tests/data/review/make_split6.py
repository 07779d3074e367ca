"""Draw the dev/test split of the sixth batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261208

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "mistral-vibe-cli-system-prompt": ("review/docs/mistral-vibe-cli-system-prompt/cli.md", "prompt"),
    "charmbracelet-crush-coder-prompt": ("review/docs/charmbracelet-crush-coder-prompt/coder.md.tpl", "prompt"),
    "dotnet-runtime-copilot-instructions": ("review/docs/dotnet-runtime-copilot-instructions/copilot-instructions.md", "instructions"),
    "home-assistant-core-copilot-instructions": (
        "review/docs/home-assistant-core-copilot-instructions/copilot-instructions.md",
        "instructions",
    ),
    "google-deepmind-alphafold3-prohibited-use-policy": (
        "review/docs/google-deepmind-alphafold3-prohibited-use-policy/WEIGHTS_PROHIBITED_USE_POLICY.md",
        "policy",
    ),
    "jellyfin-llm-policies": ("review/docs/jellyfin-llm-policies/llm-policies.md", "policy"),
    "openai-safety-rbr-proposition-prompts": (
        "review/docs/openai-safety-rbr-proposition-prompts/proposition_prompts.yaml",
        "spec",
    ),
    "strimzi-ai-contribution-policy": ("review/docs/strimzi-ai-contribution-policy/AI_POLICY.md", "guideline"),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"sixth draw (make_split6.py, seed {SEED}), added 2026-12-04 before any reading or tuning")


if __name__ == "__main__":
    main()
