"""Draw the dev/test split of the ninth batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261211

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "bytedance-deer-flow-planner-prompt": ("review/docs/bytedance-deer-flow-planner-prompt/planner.md", "prompt"),
    "mem0-memory-system-prompts": ("review/docs/mem0-memory-system-prompts/prompts.py", "prompt"),
    "pydantic-ai-agents-md": ("review/docs/pydantic-ai-agents-md/AGENTS.md", "instructions"),
    "microsoft-playwright-claude-md": ("review/docs/microsoft-playwright-claude-md/CLAUDE.md", "instructions"),
    "kornia-ai-authorship-policy": ("review/docs/kornia-ai-authorship-policy/AI_POLICY.md", "policy"),
    "grafana-alloy-genai-contribution-policy": ("review/docs/grafana-alloy-genai-contribution-policy/genai.md", "policy"),
    "modelscope-rm-gallery-hhh-principles": ("review/docs/modelscope-rm-gallery-hhh-principles/base.py", "spec"),
    "google-adk-final-response-quality-rubric": (
        "review/docs/google-adk-final-response-quality-rubric/rubric_based_final_response_quality_v1.py",
        "spec",
    ),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"ninth draw (make_split9.py, seed {SEED}), added 2026-12-05 before any reading or tuning")


if __name__ == "__main__":
    main()
