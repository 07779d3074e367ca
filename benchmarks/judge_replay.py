"""The model judge measured on the review corpus, with recorded answers.

    python benchmarks/judge_replay.py export --half test --out DIR [--parts 8]
    python benchmarks/review.py --half test --judge-answers tests/data/review/judge-answers

`export` writes every request `speclint check --judge` would send for the
documents of a half (`judge_pairs` with the real embedding model and the
default judge settings): one JSON line per pair, `{"id", "document",
"request"}`, where `request` is exactly the user message of the request (both
rules' facts) and `id` the first 16 hex digits of its SHA-256. The system
prompt is `specdsl.semantic.judge.SYSTEM_PROMPT`. Whoever answers them (a model
given that prompt and one request at a time) writes one line per pair,
`{"id", "verdict", "reason"}`, into `*.jsonl` files of an answers folder.

`review.py --judge-answers DIR` then runs `speclint check --semantic --judge`
as a user would, against a replay server on loopback (`Replay`) that answers
each request from the recorded answers as the chat-completions API does: so
the figures are of speclint's real path (the candidate pairs, the request, the
reading of the answer, the findings and their messages), with the recorded
model in place of a live one. A request with no recorded answer gets HTTP 500,
which speclint treats as a failing judge (and the run reports it): the
answers must cover the export of the same code and settings.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.server
import json
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

#: The model name the replayed answers are reported under.
MODEL = "recorded"


def request_id(content: str) -> str:
    """The id of one request: the SHA-256 of its user message, 16 hex digits."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def load_answers(folder: Path) -> dict[str, dict]:
    """The recorded answers of `folder/*.jsonl` by request id (a later line for an id wins). The
    folder's `PROMPT` file names the prompt version they answer; answers to another prompt than
    speclint's of today are refused (the requests would be the same, the question not)."""
    from specdsl.semantic.judge import PROMPT_VERSION

    marker = folder / "PROMPT"
    given = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
    if given != PROMPT_VERSION:
        raise SystemExit(f"{folder}: these answers are to prompt version {given or '(not said: no PROMPT file)'}, "
                         f"speclint asks prompt version {PROMPT_VERSION}; record answers to it first")
    answers: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                answers[str(item["id"])] = {"verdict": str(item["verdict"]), "reason": str(item["reason"])}
            except (ValueError, KeyError, TypeError):
                raise SystemExit(f"{path.name}:{n}: not an answer line {{\"id\", \"verdict\", \"reason\"}}") from None
    return answers


class Replay:
    """A chat-completions server on loopback that answers each request from recorded answers.

    Use as a context manager; `url` is its `…/v1` base URL, `asked` the ids asked and
    `missing` those it had no answer for."""

    def __init__(self, answers: dict[str, dict]):
        self.answers = answers
        self.asked: list[str] = []
        self.missing: list[str] = []
        replay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the http.server API)
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length))
                    content = body["messages"][-1]["content"]
                except (ValueError, KeyError, IndexError, TypeError):
                    self._send(400, {"error": {"message": "not a chat-completions request"}})
                    return
                rid = request_id(content)
                replay.asked.append(rid)
                answer = replay.answers.get(rid)
                if answer is None:
                    replay.missing.append(rid)
                    self._send(500, {"error": {"message": f"no recorded answer for {rid}"}})
                    return
                message = {"role": "assistant", "content": json.dumps(answer, ensure_ascii=False)}
                self._send(200, {"object": "chat.completion", "model": body.get("model"),
                                 "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]})

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Replay:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def replayed(folder: Path, where: Path):
    """While open, a replay of the answers recorded in `folder`, and the arguments that make
    `speclint check` ask it (`--config` of a configuration written into `where`). On leaving,
    a request it had no answer for ends the run (SystemExit)."""
    with Replay(load_answers(folder)) as replay:
        config = where / "speclint.yaml"
        config.write_text(config_text(replay.url), encoding="utf-8")
        yield ["--config", str(config)]
    if replay.missing:
        raise SystemExit(f"{len(replay.missing)} of {len(replay.asked)} requests have no recorded answer in "
                         f"{folder} (export them: judge_replay.py export --answers {folder})")


def config_text(url: str) -> str:
    """The configuration of a judged run: the replay server, every pair sent."""
    return f"judge:\n  url: {url}\n  model: {MODEL}\n  max-pairs: 100000\n  timeout: 60\n"


def offline_judge(**settings):
    """A judge configuration that names no reachable endpoint: what `judge_pairs` and the
    request need, with the default settings unless `settings` (by field name) say otherwise."""
    from specdsl.workspace.settings import JudgeConfig

    return JudgeConfig.model_validate({"url": "http://127.0.0.1:9/v1", "model": MODEL, **settings})


def judged_model(path: str):
    """The resolved spec of one file with the semantic tier on for C002, as `--judge` lints it."""
    from specdsl.workspace.options import model_for

    model, _ = model_for(path)
    model.__dict__["_semantic_active"] = True
    model.__dict__["_semantic_codes"] = {"C002"}
    return model


def requests_of(path: str) -> list[tuple[str, str]]:
    """(id, user message) of each request `--judge` would send for one document, in pair order."""
    from specdsl.checks.conflict.c002_possible_conflict import judge_pairs
    from specdsl.semantic.judge import pair_facts, request_body

    config = offline_judge()
    model = judged_model(path)
    out = []
    for a, b, _, _ in judge_pairs(model, config, model.config.semantic.conflict_threshold):
        content = request_body(config, *pair_facts(model, a.info, b.info))["messages"][-1]["content"]
        out.append((request_id(content), content))
    return out


def export(slugs: list[str]) -> list[dict]:
    """The requests `--judge` would send for these documents of the review corpus, each once."""
    from review import doc_path, split

    docs = split()
    out: list[dict] = []
    seen: set[str] = set()
    for slug in slugs:
        for rid, content in requests_of(str(doc_path(docs[slug]))):
            if rid not in seen:
                seen.add(rid)
                out.append({"id": rid, "document": slug, "request": content})
    return out


def main(argv: list[str] | None = None) -> int:
    from review import split

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export", help="write the requests of a half, in parts")
    ex.add_argument("--half", choices=("dev", "test", "all"), required=True)
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--parts", type=int, default=1, help="split the requests into this many files of about equal size, in document order")
    ex.add_argument("--answers", type=Path, help="leave out the requests this folder already answers")
    args = ap.parse_args(argv)
    slugs = [s for s, e in split().items() if args.half == "all" or e["half"] == args.half]
    requests = export(slugs)
    if args.answers is not None:
        have = load_answers(args.answers)
        requests = [r for r in requests if r["id"] not in have]
    args.out.mkdir(parents=True, exist_ok=True)
    count = max(1, args.parts)
    size = -(-len(requests) // count) if requests else 0
    parts = [requests[i : i + size] for i in range(0, len(requests), size)] if size else []
    for n, part in enumerate(parts, 1):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part)
        (args.out / f"requests-{n:02d}.jsonl").write_text(text, encoding="utf-8")
    print(f"{len(requests)} requests of {len({r['document'] for r in requests})} documents in {len(parts)} parts: "
          + ", ".join(str(len(p)) for p in parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
