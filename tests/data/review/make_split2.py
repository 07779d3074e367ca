"""Draw the dev/test split of the second batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

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


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"second draw (make_split2.py, seed {SEED}), added 2026-12-03 before any reading or tuning")


if __name__ == "__main__":
    main()
