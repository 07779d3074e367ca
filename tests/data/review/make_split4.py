"""Draw the dev/test split of the fourth batch of review documents, once, before any reading or
tuning on them: `make_split.later_draw` prints it, to append to split.yaml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_split import later_draw  # noqa: E402  (the same method, another seed and batch)

SEED = 20261206

# slug -> (path under tests/data, kind)
DOCUMENTS = {
    "jupyter-coc-enforcement-manual": ("review/docs/jupyter-coc-enforcement-manual/enforcement.md", "moderation"),
    "go-code-of-conduct": ("review/docs/go-code-of-conduct/conduct.html", "moderation"),
    "apache-code-of-conduct": ("review/docs/apache-code-of-conduct/conduct.md", "moderation"),
    "fastchat-mt-bench-judge-prompts": ("review/docs/fastchat-mt-bench-judge-prompts/judge_prompts.jsonl", "prompt"),
    "linux-kernel-coding-assistants": ("review/docs/linux-kernel-coding-assistants/coding-assistants.rst", "policy"),
    "codex-agents-md": ("review/docs/codex-agents-md/AGENTS.md", "instructions"),
    "bun-claude-md": ("review/docs/bun-claude-md/CLAUDE.md", "instructions"),
}


def main() -> None:
    later_draw(DOCUMENTS, SEED, f"fourth draw (make_split4.py, seed {SEED}), added 2026-12-04 before any reading or tuning")


if __name__ == "__main__":
    main()
