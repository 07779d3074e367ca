"""Draw the dev/test split of the seventh batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261209

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "stackblitz-bolt-system-prompt": ("review/docs/stackblitz-bolt-system-prompt/prompts.ts", "prompt"),
    "perplexica-writer-prompt": ("review/docs/perplexica-writer-prompt/writer.ts", "prompt"),
    "posthog-agents-md": ("review/docs/posthog-agents-md/AGENTS.md", "instructions"),
    "supabase-studio-best-practices-cursor-rule": (
        "review/docs/supabase-studio-best-practices-cursor-rule/studio-best-practices.mdc",
        "instructions",
    ),
    "cohere-usage-policy": ("review/docs/cohere-usage-policy/usage-guidelines.mdx", "policy"),
    "hachyderm-rule-explainer": ("review/docs/hachyderm-rule-explainer/_index.md", "moderation"),
    "openai-democratic-inputs-conflict-policy": (
        "review/docs/openai-democratic-inputs-conflict-policy/final_policy_conflict.md",
        "spec",
    ),
    "buildinghumanetech-humanebench-judge-rubric": (
        "review/docs/buildinghumanetech-humanebench-judge-rubric/judge_prompt_v4.md",
        "spec",
    ),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"seventh draw (make_split7.py, seed {SEED}), added 2026-12-04 before any reading or tuning")


if __name__ == "__main__":
    main()
