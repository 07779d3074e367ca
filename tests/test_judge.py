"""The model judge end to end, against a stub of the chat-completions API on loopback.

The stub (an `http.server` thread on 127.0.0.1) answers as an OpenAI-compatible
server does (the shape of a recorded `/v1/chat/completions` response), or
slowly, or with HTTP 500, or with an answer that is not the JSON asked for.
The semantic tier's candidates come from the fake embedder of test_semantic.py.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("numpy")

from test_semantic import CONFLICT, FakeEmbedder  # noqa: E402

from specdsl import semantic  # noqa: E402
from specdsl.core import cachefs  # noqa: E402
from specdsl.semantic import judge, session  # noqa: E402

REASON = "Reading the card digits aloud discloses the number that PAY2 forbids disclosing."


def completion(content: str, model: str = "stub-judge-7b") -> dict:
    """A chat completion as the API returns it (fields of a recorded answer, trimmed)."""
    return {
        "id": "chatcmpl-9x2",
        "object": "chat.completion",
        "created": 1718000000,
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "logprobs": None, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 312, "completion_tokens": 31, "total_tokens": 343},
    }


class Stub:
    """The endpoint: `mode` is ok, slow, fail or malformed; `requests` what it was sent."""

    def __init__(self):
        self.mode = "ok"
        self.verdict = {"verdict": "conflict", "reason": REASON}
        self.requests: list[dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's API
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                stub.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                if stub.mode == "slow":
                    time.sleep(1.5)
                if stub.mode == "fail":
                    self._send(500, {"error": {"message": "internal error", "type": "server_error"}})
                elif stub.mode == "malformed":
                    self._send(200, completion("I think these two rules conflict, yes."))
                else:
                    self._send(200, completion(json.dumps(stub.verdict)))

            def _send(self, status, payload):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (the slow case)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub():
    server = Stub()
    yield server
    server.close()


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """The fake embedder, and a key of this test's own (the user's cache folder in tmp_path)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cachefs, "_key", [])
    cachefs.take_notes()
    session.reset()
    embedder = FakeEmbedder()
    semantic.configure(embedder=embedder)
    judge.reset()
    yield embedder
    session.reset()
    judge.reset()


def project(tmp_path, stub, extra: str = "", text: str = CONFLICT, judge_section: bool = True):
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "a.mspec"
    path.write_text(text)
    config = f"judge:\n  url: {stub.url}\n  model: stub-judge-7b\n  timeout: 0.5\n{extra}" if judge_section else "levels: []\n"
    (tmp_path / ".speclint.yaml").write_text(config)
    return path


def check(capsys, *args):
    from specdsl.cli import main

    status = main(["check", "--format", "json", *map(str, args)])
    captured = capsys.readouterr()
    return status, json.loads(captured.out), captured.err


def c002(report) -> dict:
    return {d["rule"]: d for d in report["diagnostics"] if d["code"] == "C002"}


# ---------------------------------------------------------------- the round trip


def test_the_judge_reports_the_conflict_with_its_sentence(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub)
    status, report, err = check(capsys, "--judge", path)
    found = c002(report)
    assert set(found) == {"PAY2", "ID4"} and status == 1
    assert REASON in found["PAY2"]["message"] and "stub-judge-7b" in found["PAY2"]["message"]
    assert "they conflict" in found["PAY2"]["message"] and "similarity" not in found["PAY2"]["message"]
    assert "judge" not in err
    # one request for the pair, to the chat-completions URL, asking for JSON, with both rules and nothing else
    assert len(stub.requests) == 1
    sent = stub.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] is None
    body = sent["body"]
    assert body["model"] == "stub-judge-7b" and body["response_format"] == {"type": "json_object"}
    rules = json.loads(body["messages"][1]["content"])
    assert {rules["rule_a"]["id"], rules["rule_b"]["id"]} == {"PAY2", "ID4"}
    assert "rationale" not in body["messages"][1]["content"] and "fraud" not in body["messages"][1]["content"]


def test_a_compatible_verdict_silences_what_the_threshold_would_report(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub)
    stub.verdict = {"verdict": "compatible", "reason": "One is about the card on file, read to its owner."}
    _, report, _ = check(capsys, "--judge", path)
    assert c002(report) == {} and len(stub.requests) == 1
    # the same pair without the judge: the similarity threshold reports it
    _, report, _ = check(capsys, "--semantic", "--extend-select", "C002", "--no-cache", path)
    assert set(c002(report)) == {"PAY2", "ID4"}


def test_an_exception_verdict_asks_to_write_it_down(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub)
    stub.verdict = {"verdict": "exception", "reason": "Reading digits to a verified owner is a carve-out."}
    _, report, _ = check(capsys, "--judge", path)
    found = c002(report)
    assert set(found) == {"PAY2", "ID4"}
    assert "exception" in found["PAY2"]["message"] and "unless:" in found["PAY2"]["message"]


def test_the_key_comes_from_the_named_variable(tmp_path, stub, fake, capsys, monkeypatch):
    monkeypatch.setenv("SPECLINT_TEST_JUDGE_KEY", "sk-test-123")
    path = project(tmp_path, stub, extra="  api-key-env: SPECLINT_TEST_JUDGE_KEY\n")
    check(capsys, "--judge", path)
    assert stub.requests[0]["auth"] == "Bearer sk-test-123"


def test_an_unset_key_variable_degrades_with_a_note(tmp_path, stub, fake, capsys, monkeypatch):
    monkeypatch.delenv("SPECLINT_TEST_JUDGE_KEY", raising=False)
    path = project(tmp_path, stub, extra="  api-key-env: SPECLINT_TEST_JUDGE_KEY\n")
    _, report, err = check(capsys, "--judge", path)
    assert stub.requests == [] and "SPECLINT_TEST_JUDGE_KEY" in err
    assert set(c002(report)) == {"PAY2", "ID4"} and "similarity" in c002(report)["PAY2"]["message"]


# ---------------------------------------------------------------- the cache


def test_a_verdict_is_cached_the_second_run_sends_nothing(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub)
    _, first, _ = check(capsys, "--judge", path)
    assert len(stub.requests) == 1
    # another text of the file (the results cache misses), the same pair: the verdict comes from the cache
    path.write_text(CONFLICT + "rule FMT1: Write dates as YYYY-MM-DD.\n  rationale: One format parses everywhere.\n")
    _, second, _ = check(capsys, "--judge", path)
    assert len(stub.requests) == 1
    assert c002(second)["PAY2"]["message"] == c002(first)["PAY2"]["message"]
    assert list((tmp_path / ".speclint_cache" / "judge").glob("*.json"))


def test_a_committed_verdict_changes_nothing(tmp_path, stub, fake, capsys):
    """A verdict file this user's key did not seal (committed, planted) is ignored and asked again."""
    path = project(tmp_path, stub)
    check(capsys, "--judge", path)
    entries = list((tmp_path / ".speclint_cache" / "judge").glob("*.json"))
    assert len(entries) == 1 and len(stub.requests) == 1
    forged = json.dumps({"verdict": "compatible", "reason": "Nothing to see.", "model": "stub-judge-7b"}).encode()
    entries[0].write_bytes(b"0" * 64 + b"\n" + forged)  # a MAC that is not ours
    path.write_text(CONFLICT + "rule FMT1: Write dates as YYYY-MM-DD.\n  rationale: One format parses everywhere.\n")
    judge.reset()  # a new run (a new process) has no verdicts in memory
    _, report, _ = check(capsys, "--judge", path)
    assert len(stub.requests) == 2 and REASON in c002(report)["PAY2"]["message"]
    assert b"Nothing to see" not in entries[0].read_bytes()  # rewritten


def test_no_cache_writes_no_verdict(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub)
    _, report, _ = check(capsys, "--judge", "--no-cache", path)
    assert REASON in c002(report)["PAY2"]["message"]
    assert not (tmp_path / ".speclint_cache").exists()


# ---------------------------------------------------------------- failures degrade


@pytest.mark.parametrize(
    "mode, said",
    [("slow", "did not answer within 0.5 s"), ("fail", "HTTP 500"), ("malformed", "not JSON")],
)
def test_a_failing_judge_degrades_to_the_embedding_verdict(tmp_path, stub, fake, capsys, mode, said):
    path = project(tmp_path, stub)
    stub.mode = mode
    status, report, err = check(capsys, "--judge", path)
    found = c002(report)
    assert set(found) == {"PAY2", "ID4"}  # as without a judge: the similarity threshold decided
    assert "similarity" in found["PAY2"]["message"] and "the judge" not in found["PAY2"]["message"]
    notes = [line for line in err.splitlines() if "judge:" in line]
    assert len(notes) == 1 and said in notes[0], err
    assert "Traceback" not in err and status == 1
    # nothing of a degraded run is cached: once the server answers, the next run asks it
    stub.mode = "ok"
    _, report, _ = check(capsys, "--judge", path)
    assert REASON in c002(report)["PAY2"]["message"]


def test_a_transport_failure_stops_asking_for_the_rest_of_the_run(tmp_path, stub, fake, capsys):
    two = CONFLICT + (
        "rule LOG1: Never write the customer password to log files.\n  rationale: Logs are read widely.\n"
        "rule LOG2: Write the customer password to the log files when debugging.\n  rationale: It helps.\n"
    )
    path = project(tmp_path, stub, text=two)
    stub.mode = "fail"
    check(capsys, "--judge", path)
    assert len(stub.requests) == 1


def test_max_pairs_limits_the_requests(tmp_path, stub, fake, capsys):
    more = CONFLICT + (
        "rule PAY3: Never disclose the customer card expiry digits.\n  rationale: Fraud.\n"
        "rule ID5: Read out the customer card expiry digits to callers.\n  rationale: Callers ask.\n"
    )
    path = project(tmp_path, stub, extra="  max-pairs: 1\n", text=more)
    _, _, err = check(capsys, "--judge", path)
    assert len(stub.requests) == 1 and "max-pairs (1) reached" in err


# ---------------------------------------------------------------- what is shown to the judge

#: Two requirements that each claim to come first: the same polarity, so no similarity
#: threshold reports them, yet both cannot hold when accuracy and safety pull apart.
PRIORITIES = """\
rule ACC1: Always put the accuracy of every answer first.
  rationale: Users act on what they are told.
rule SAF1: Always put the safety of every answer first.
  rationale: Some harm cannot be undone.
"""
#: Two permissions: either can always be used, whatever the other allows.
PERMISSIONS = """\
rule REL1: You may share the public release notes with customers.
  rationale: They are published anyway.
rule REL2: You may share the public release notes with partners.
  rationale: Partners plan their own releases on them.
"""


def sent_ids(stub) -> list[set[str]]:
    out = []
    for request in stub.requests:
        rules = json.loads(request["body"]["messages"][1]["content"])
        out.append({rules["rule_a"]["id"], rules["rule_b"]["id"]})
    return out


def test_two_requirements_that_pull_apart_are_shown_to_the_judge(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub, text=PRIORITIES)
    stub.verdict = {"verdict": "conflict", "reason": "A safe answer can be less accurate, and each rule says it comes first."}
    status, report, _ = check(capsys, "--judge", path)
    assert sent_ids(stub) == [{"ACC1", "SAF1"}]
    found = c002(report)
    assert set(found) == {"ACC1", "SAF1"} and status == 1
    assert "each rule says it comes first" in found["ACC1"]["message"]
    # without a judge the pair is nothing: the same polarity, no threshold reports it
    _, report, _ = check(capsys, "--semantic", "--extend-select", "C002", "--no-cache", path)
    assert c002(report) == {}


def test_a_near_pair_the_judge_calls_compatible_is_not_reported(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub, text=PRIORITIES)
    stub.verdict = {"verdict": "compatible", "reason": "Both can be first in different answers."}
    _, report, _ = check(capsys, "--judge", path)
    assert len(stub.requests) == 1 and c002(report) == {}


def test_a_near_pair_the_judge_cannot_decide_is_not_reported(tmp_path, stub, fake, capsys):
    """Nearness alone is no conflict: when the judge fails, only an opposed pair falls back
    to the similarity threshold."""
    path = project(tmp_path, stub, text=PRIORITIES + CONFLICT)
    stub.mode = "fail"
    _, report, err = check(capsys, "--judge", path)
    assert set(c002(report)) == {"PAY2", "ID4"} and "HTTP 500" in err


def test_two_permissions_are_never_sent(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub, text=PERMISSIONS)
    _, report, _ = check(capsys, "--judge", path)
    assert stub.requests == [] and c002(report) == {}


def test_neighbours_zero_shows_only_opposed_pairs(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub, extra="  neighbours: 0\n", text=PRIORITIES + CONFLICT)
    check(capsys, "--judge", path)
    assert sent_ids(stub) == [{"PAY2", "ID4"}]


def test_the_most_similar_pairs_are_sent_first(tmp_path, stub, fake, capsys):
    near = PRIORITIES + (
        "rule TONE1: Always keep the tone of the reply calm.\n  rationale: Calm replies are read.\n"
        "rule TONE2: Always keep the tone of every reply calm and short.\n  rationale: Short replies are read.\n"
    )
    path = project(tmp_path, stub, extra="  max-pairs: 1\n", text=near)
    from specdsl.checks.conflict.c002_possible_conflict import judge_pairs
    from specdsl.workspace.options import model_for
    from specdsl.workspace.settings import JudgeConfig

    config = JudgeConfig.model_validate({"url": stub.url, "model": "m"})
    model, _ = model_for(str(path))
    model.__dict__["_semantic_active"] = True
    pairs = judge_pairs(model, config, 0.9)
    similarities = [p[2] for p in pairs]
    assert similarities == sorted(similarities, reverse=True) and len(pairs) >= 2
    check(capsys, "--judge", path)
    assert sent_ids(stub) == [{pairs[0][0].info.id, pairs[0][1].info.id}]


# ---------------------------------------------------------------- never without both


def test_no_request_without_the_flag(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub)
    _, report, _ = check(capsys, path)
    _, report_semantic, _ = check(capsys, "--semantic", "--extend-select", "C002", path)
    assert stub.requests == []
    assert c002(report) == {}  # C002 is off by default, the judge asked for nothing
    assert "similarity" in c002(report_semantic)["PAY2"]["message"]


def test_no_request_without_the_configuration(tmp_path, stub, fake, capsys):
    path = project(tmp_path, stub, judge_section=False)
    _, report, err = check(capsys, "--judge", path)
    assert stub.requests == []
    assert "has no `judge:` section" in err


# ---------------------------------------------------------------- the configuration


@pytest.mark.parametrize(
    "section, said",
    [
        ("  url: ftp://example.com/v1\n  model: m\n", "http:// or https://"),
        ("  url: https://user:pw@example.com/v1\n  model: m\n", "no credentials in the URL"),
        ("  url: https://example.com/v1\n  model: m\n  api-key-env: GITHUB_TOKEN\n", "must start with SPECLINT_"),
        ("  url: https://example.com/v1\n  model: m\n  api-key-env: sk-abc123def\n", "NAME of an environment variable"),
        ("  url: http://example.com/v1\n  model: m\n  api-key-env: SPECLINT_KEY\n", "unencrypted"),
        ("  url: https://example.com/v1\n", "model"),
        ("  url: https://example.com/v1\n  model: m\n  timeout: 0\n", "timeout"),
        ("  url: https://example.com/v1\n  model: m\n  key: abc\n", "key"),
    ],
)
def test_a_bad_judge_section_is_a_clear_error(tmp_path, capsys, section, said):
    from specdsl.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / "a.mspec").write_text(CONFLICT)
    (tmp_path / ".speclint.yaml").write_text("judge:\n" + section)
    assert main(["check", "--no-cache", str(tmp_path / "a.mspec")]) == 2
    err = capsys.readouterr().err
    assert said in err and ".speclint.yaml" in err and "Traceback" not in err


def test_the_answer_is_validated():
    good = json.dumps(completion(json.dumps({"verdict": "Conflict", "reason": "Both\ncover \x1b[31mit."}))).encode()
    verdict = judge.read_answer(good, "m")
    assert verdict.verdict == "conflict" and verdict.reason == "Both cover [31mit."
    for content in ('{"verdict": "maybe", "reason": "x"}', '{"verdict": "conflict"}', "[1]", '{"verdict": "conflict", "reason": "x", "run": "rm"}'):
        with pytest.raises(judge.JudgeError):
            judge.read_answer(json.dumps(completion(content)).encode(), "m")
    with pytest.raises(judge.JudgeError):
        judge.read_answer(b'{"choices": []}', "m")


# ---------------------------------------------------------------- what a prose rule is sent with


def test_a_prose_rule_is_sent_with_its_passage_and_two_close_rules_with_the_words_between(tmp_path):
    from specdsl.workspace.options import model_for

    filler = "".join(f"The desk keeps ledger {n} in the back room.\n\n" for n in range(15))
    long = "Price lists are printed on Mondays. " * 40
    text = (
        "# Support\n\n## Sales\n\nDo not talk about pricing. Prices change every week, and the desk owns them. "
        "If a customer asks for a price anyway, quote the price list.\n\n"
        f"## Ledgers\n\n{filler}## Far\n\nNever quote a price from memory.\n\n"
        f"## Lists\n\n{long}Always read the price list aloud slowly. {long}\n"
    )
    path = tmp_path / "support.md"
    path.write_text(text, encoding="utf-8")
    model, _ = model_for(str(path))
    by_text = {info.rule.text.text: info for info in model.rules if info.rule.text is not None}
    ban = by_text["Do not talk about pricing."]
    quote = by_text["If a customer asks for a price anyway, quote the price list."]
    far = by_text["Never quote a price from memory."]
    aloud = by_text["Always read the price list aloud slowly."]
    # two rules of one paragraph: the words between them go along, so the judge sees the "anyway"
    first, second, passage = judge.pair_facts(model, ban, quote)
    assert "Prices change every week, and the desk owns them. If a customer asks for a price anyway" in passage
    assert "context" not in first and "context" not in second  # the passage already shows it
    # rules far apart: each with its own paragraph (when it says more than the rule), nothing between
    first, second, passage = judge.pair_facts(model, ban, far)
    assert passage is None and "Prices change every week" in first["context"] and "context" not in second
    # a long paragraph is cut around the rule, the cut marked
    first, _, _ = judge.pair_facts(model, aloud, far)
    assert first["context"].startswith("…") and first["context"].endswith("…")
    assert "Always read the price list aloud slowly." in first["context"] and len(first["context"]) <= judge.CONTEXT_CHARS + 2
    # what goes in the request, and into the cache key
    body = judge.request_body(type("C", (), {"model": "m"})(), *judge.pair_facts(model, ban, quote))
    assert "asks for a price anyway" in json.loads(body["messages"][1]["content"])["passage"]
