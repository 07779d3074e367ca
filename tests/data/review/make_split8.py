"""Draw the dev/test split of the eighth batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261210

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "cline-claude-dev-system-prompt": ("review/docs/cline-claude-dev-system-prompt/system.ts", "prompt"),
    "openinterpreter-01-voice-assistant-prompt": (
        "review/docs/openinterpreter-01-voice-assistant-prompt/default.py",
        "prompt",
    ),
    "nextcloud-server-agents-md": ("review/docs/nextcloud-server-agents-md/AGENTS.md", "instructions"),
    "langchain-agents-md": ("review/docs/langchain-agents-md/AGENTS.md", "instructions"),
    "qut-law-genai-staff-guidelines": ("review/docs/qut-law-genai-staff-guidelines/genai-guidelines-staff.md", "policy"),
    "arxiv-moderation-policy": ("review/docs/arxiv-moderation-policy/index.md", "moderation"),
    "canada-ai-answers-constitution": ("review/docs/canada-ai-answers-constitution/AI-ANSWERS-CONSTITUTION.md", "spec"),
    "llavaguard-safety-policy-rubric": ("review/docs/llavaguard-safety-policy-rubric/default_policy.py", "spec"),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"eighth draw (make_split8.py, seed {SEED}), added 2026-12-04 before any reading or tuning")


if __name__ == "__main__":
    main()
