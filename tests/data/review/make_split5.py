"""Draw the dev/test split of the fifth batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261207

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "qemu-code-provenance": ("review/docs/qemu-code-provenance/code-provenance.rst", "policy"),
    "llvm-ai-tool-policy": ("review/docs/llvm-ai-tool-policy/AIToolPolicy.md", "policy"),
    "freecodecamp-moderator-handbook": ("review/docs/freecodecamp-moderator-handbook/moderator-handbook.md", "moderation"),
    "browser-use-agent-system-prompt": ("review/docs/browser-use-agent-system-prompt/system_prompt.md", "prompt"),
    "apache-airflow-agents-md": ("review/docs/apache-airflow-agents-md/AGENTS.md", "instructions"),
    "pyrit-dependency-management-rubric": (
        "review/docs/pyrit-dependency-management-rubric/dependency_management.yaml",
        "guideline",
    ),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"fifth draw (make_split5.py, seed {SEED}), added 2026-12-04 before any reading or tuning")


if __name__ == "__main__":
    main()
