"""Language server memory under a long editing session.

    python benchmarks/lsp_soak.py [--minutes 10] [--warmup 60] [--spec FILE]

Starts `speclint lsp`, opens a spec (by default a generated one the size of
the OpenAI Model Spec, 1,000 rules in sections of 25; `--spec` takes any
.mspec or Markdown file), and edits it at random for `--warmup` seconds and
then for `--minutes` minutes: letters typed into a rule, words deleted, new
lines and rules, lines pasted from elsewhere, now and then the whole text
put back. After each edit it waits for the diagnostics of that version (so
that every version is linted) and, every few edits, asks what an editor asks
(hover, symbols, semantic tokens, code actions). It prints the server's
resident memory after the warm-up, every minute and at the end, and the
bytes its caches hold (`speclint.serverInfo`). The target: the end within
20% of the warm-up figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from lsp_latency import ENV, Client, rss_mb  # noqa: E402

WORDS = ["never ", "always ", "the user ", "where possible ", "because ", "data ", "a ", "should ", "etc. "]


def random_edit(rng: random.Random, lines: list[str], original: list[str]) -> tuple[dict, list[str]]:
    """One edit of `lines` (an LSP content change, and the lines after it)."""
    kind = rng.random()
    i = rng.randrange(len(lines))
    line = lines[i]
    at = rng.randrange(len(line) + 1)
    start = end = {"line": i, "character": at}
    if kind < 0.55:  # typing: a letter or a word
        new = rng.choice("abcdefghijklmnopqrstuvwxyz ") if rng.random() < 0.8 else rng.choice(WORDS)
    elif kind < 0.8:  # deleting a few characters
        stop = min(len(line), at + rng.randrange(1, 8))
        end = {"line": i, "character": stop}
        new = ""
    elif kind < 0.9:  # a new line: a new rule, or a line break
        new = "\n" if rng.random() < 0.5 else f"\nrule SOAK{rng.randrange(10**6)}: Answer where possible.\n"
        start = end = {"line": i, "character": len(line)}
        at = len(line)
    else:  # a line pasted from elsewhere in the spec
        new = original[rng.randrange(len(original))] + "\n"
        start = end = {"line": i, "character": 0}
        at = 0
    stop = end["character"]
    text = line[:at] + new + line[stop:]
    edited = lines[:i] + text.split("\n") + lines[i + 1 :]
    return {"range": {"start": start, "end": end}, "text": new}, edited


async def soak(text: str, path_name: str, minutes: float, warmup: float, seed: int, exe: str) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / path_name
        path.write_text(text, encoding="utf-8")
        proc = await asyncio.create_subprocess_exec(
            exe, "lsp", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, env=ENV, limit=2**26,
        )
        client = Client(proc)
        reader = asyncio.create_task(client.read_loop())
        markdown = path.suffix.lower() in (".md", ".markdown")
        await client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": Path(tmp).as_uri(), "capabilities": {},
             "initializationOptions": {"markdown": True} if markdown else None},
        )
        await client.notify("initialized", {})
        uri = path.as_uri()
        doc = {"uri": uri}
        await client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown" if markdown else "mspec", "version": 1, "text": text}})

        async def diagnostics_for(version: int) -> None:
            while True:
                _, message = await client.notifications.get()
                params = message.get("params", {})
                if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
                    return

        await asyncio.wait_for(diagnostics_for(1), 300)
        original = text.split("\n")
        lines = list(original)
        version = 1
        latencies: list[float] = []
        started = time.monotonic()
        warm_at = started + warmup
        end_at = warm_at + minutes * 60
        warm_rss = None
        next_minute = warm_at + 60
        edits = 0
        print(f"spec: {path_name}, {len(text.encode()) / 1000:.0f} KB; warm-up {warmup:.0f} s, then {minutes:g} min of random edits")
        while time.monotonic() < end_at:
            change, lines = random_edit(rng, lines, original)
            if len(lines) > len(original) * 1.2 or rng.random() < 0.002:
                lines = list(original)  # the whole text put back (a revert, a checkout)
                change = {"text": text}
            version += 1
            sent = time.perf_counter()
            await client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            await asyncio.wait_for(diagnostics_for(version), 300)
            latencies.append(time.perf_counter() - sent)
            edits += 1
            if edits % 5 == 0:
                i = rng.randrange(len(lines))
                position = {"line": i, "character": rng.randrange(len(lines[i]) + 1)}
                await asyncio.gather(
                    client.request("textDocument/hover", {"textDocument": doc, "position": position}),
                    client.request("textDocument/documentSymbol", {"textDocument": doc}),
                    client.request("textDocument/semanticTokens/full", {"textDocument": doc}),
                    client.request("textDocument/codeAction", {"textDocument": doc, "range": {"start": position, "end": position},
                                                               "context": {"diagnostics": []}}),
                )
            await asyncio.sleep(rng.uniform(0.0, 0.1))
            now = time.monotonic()
            if warm_rss is None and now >= warm_at:
                warm_rss = rss_mb(proc.pid)
                print(f"after warm-up ({edits} edits): RSS {warm_rss:.0f} MB")
            elif warm_rss is not None and now >= next_minute:
                print(f"  {(now - warm_at) / 60:4.1f} min, {edits} edits: RSS {rss_mb(proc.pid):.0f} MB")
                next_minute += 60
        final = rss_mb(proc.pid)
        info = await client.request("workspace/executeCommand", {"command": "speclint.serverInfo", "arguments": []})
        caches = info.get("caches", {}) if isinstance(info, dict) else {}
        held = {name: c["bytes"] for name, c in caches.items()}
        await client.request("shutdown", None)
        await client.notify("exit", None)
        reader.cancel()
        await proc.wait()
    latencies.sort()
    print(f"end ({edits} edits): RSS {final:.0f} MB, {100 * (final / warm_rss - 1):+.1f}% of the warm-up figure "
          f"(target: within +20%)")
    print(f"didChange -> diagnostics: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.0f} ms")
    if held:
        total = sum(held.values())
        top = ", ".join(f"{name.rsplit('.', 1)[-1]} {size / 2**20:.1f}" for name, size in sorted(held.items(), key=lambda x: -x[1]) if size)
        print(f"caches at the end (estimated): {total / 2**20:.1f} MB ({top})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="speclint language server memory over a long editing session")
    parser.add_argument("--minutes", type=float, default=10.0, help="minutes of random edits after the warm-up (default 10)")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds of random edits before the first figure (default 60)")
    parser.add_argument("--spec", help="the spec to edit (.mspec or Markdown; default: a generated 1,000-rule spec)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    exe = shutil.which("speclint")
    if exe is None:
        parser.error("the speclint executable is not on PATH")
    if args.spec:
        spec = Path(args.spec)
        text, name = spec.read_text(encoding="utf-8"), spec.name
    else:
        text, name = generate(1000), "soak.mspec"
    asyncio.run(soak(text, name, args.minutes, args.warmup, args.seed, exe))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
