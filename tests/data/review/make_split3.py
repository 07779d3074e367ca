"""Draw the dev/test split of the third batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261205

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "dromedary-watson-principles": ("review/docs/dromedary-watson-principles/watson_self_align_prompt.txt", "spec"),
    "salmon-reward-model-principles": (
        "review/docs/salmon-reward-model-principles/principle_collection_rm.json",
        "spec",
    ),
    "ultrafeedback-helpfulness-rubric": ("review/docs/ultrafeedback-helpfulness-rubric/helpfulness.jinja2", "spec"),
    "deepseek-model-license-use-restrictions": (
        "review/docs/deepseek-model-license-use-restrictions/LICENSE-MODEL",
        "policy",
    ),
    "openjs-coc-policy": ("review/docs/openjs-coc-policy/COC_POLICY.md", "moderation"),
    "kubernetes-moderation-guidelines": ("review/docs/kubernetes-moderation-guidelines/moderation.md", "moderation"),
    "gemini-cli-gemini-md": ("review/docs/gemini-cli-gemini-md/GEMINI.md", "instructions"),
    "typescript-copilot-instructions": (
        "review/docs/typescript-copilot-instructions/copilot-instructions.md",
        "instructions",
    ),
    "kimi-cli-system-prompt": ("review/docs/kimi-cli-system-prompt/system.md", "prompt"),
    "smolagents-toolcalling-agent-prompt": (
        "review/docs/smolagents-toolcalling-agent-prompt/toolcalling_agent.yaml",
        "prompt",
    ),
    "nasa-fprime-ai-policy": ("review/docs/nasa-fprime-ai-policy/AI_POLICY.md", "guideline"),
    "govuk-ai-engineering-lab-guardrails": (
        "review/docs/govuk-ai-engineering-lab-guardrails/guardrails-base.md",
        "guideline",
    ),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"third draw (make_split3.py, seed {SEED}), added 2026-12-03 before any reading or tuning")


if __name__ == "__main__":
    main()
