"""Language server latency: from `didChange` to the diagnostics of that version.

    python benchmarks/lsp_latency.py [--edits 40] [--semantic]

Starts `speclint lsp`, opens a spec, types into its first rule one letter
at a time (each letter after the previous one's diagnostics arrived and a
pause longer than the debounce window; every version of the edited line is
new, so no cache of the server has seen it), and reports
the median and 95th percentile of the time until the diagnostics of the new
version arrive, for a 200-rule spec and for a spec the size of the OpenAI
Model Spec (about 270 KB), plus the server's processor time per change (all
its threads, from the first edit to the last diagnostics, divided by the
edits: on a busy machine the wall time includes waiting for a core, this
does not) and its resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Client:
    def __init__(self, proc):
        self.proc = proc
        self.next_id = 0
        self.waiters: dict = {}
        self.notifications: asyncio.Queue = asyncio.Queue()
        self.semantic_ready: float | None = None  # when the server said the semantic tier runs

    async def send(self, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.proc.stdin.drain()

    async def request(self, method: str, params) -> object:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.waiters[self.next_id] = future
        await self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await future

    async def notify(self, method: str, params) -> None:
        await self.send({"jsonrpc": "2.0", "method": method, "params": params})

    async def read_loop(self) -> None:
        reader = self.proc.stdout
        while True:
            header = await reader.readuntil(b"\r\n\r\n")
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            message = json.loads(await reader.readexactly(length))
            if "id" in message and "method" not in message:
                self.waiters.pop(message["id"]).set_result(message.get("result"))
            elif "id" in message:  # a request from the server: answer it
                await self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                if message.get("method") == "speclint/status" and message["params"].get("tier") == "semantic":
                    self.semantic_ready = self.semantic_ready or time.perf_counter()
                await self.notifications.put((time.perf_counter(), message))


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (all its threads)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def measure(text: str, edits: int, exe: str, semantic: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.mspec"
        path.write_text(text)
        proc = await asyncio.create_subprocess_exec(
            exe, "lsp", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, env=ENV,
        )
        client = Client(proc)
        reader = asyncio.create_task(client.read_loop())
        options = {"semantic": {"enabled": True}} if semantic else None
        await client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": Path(tmp).as_uri(), "capabilities": {}, "initializationOptions": options},
        )
        await client.notify("initialized", {})
        uri = path.as_uri()
        await client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "mspec", "version": 1, "text": text}})

        async def diagnostics_for(version: int) -> float:
            while True:
                stamp, message = await client.notifications.get()
                params = message.get("params", {})
                if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri and params.get("version") == version:
                    return stamp

        await asyncio.wait_for(diagnostics_for(1), 120)
        lines = text.split("\n")
        target = next(i for i, line in enumerate(lines) if line.strip().startswith("rule ")) + 1
        latencies = []
        loading: list[float] = []  # with --semantic: edits made while the model loaded
        version = 1
        i = 0
        cpu_start = cpu_seconds(proc.pid)
        while i < edits or (semantic and client.semantic_ready is None and i < 2000):
            await asyncio.sleep(0.3)  # longer than the debounce window: a pause in typing
            version += 1
            # type forward, a letter at a time: every version of the line is new (no
            # cache has seen it), as when a person types a sentence
            letter = "typing a new sentence into the rule, one letter at a time; "[i % 60]
            change = {
                "range": {"start": {"line": target, "character": 4 + i}, "end": {"line": target, "character": 4 + i}},
                "text": letter,
            }
            sent = time.perf_counter()
            await client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            arrived = await asyncio.wait_for(diagnostics_for(version), 120)
            if semantic and (client.semantic_ready is None or client.semantic_ready > sent):
                loading.append(arrived - sent)
            else:
                latencies.append(arrived - sent)
            i += 1
        cpu = (cpu_seconds(proc.pid) - cpu_start) / max(i, 1)
        memory = rss_mb(proc.pid)
        await client.request("shutdown", None)
        await client.notify("exit", None)
        reader.cancel()
        await proc.wait()
    return {**_summary(latencies), "loading": _summary(loading) if loading else None, "rss": memory, "cpu": cpu, "size": len(text.encode())}


def _summary(latencies: list[float]) -> dict:
    latencies = sorted(latencies)
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
    return {"median": statistics.median(latencies), "p95": p95, "count": len(latencies)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="speclint language server latency")
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument(
        "--semantic", action="store_true",
        help="turn the semantic tier on: edits while its model loads are reported apart (needs the semantic extra)",
    )
    args = parser.parse_args(argv)
    exe = shutil.which("speclint")
    for label, text in (("200-rule spec", generate(200)), ("Model-Spec-sized spec", generate(1000))):
        result = asyncio.run(measure(text, args.edits, exe, args.semantic))
        tier = ", semantic tier on" if args.semantic else ""
        print(
            f"{label} ({result['size'] / 1000:.0f} KB{tier}): didChange -> diagnostics median {result['median'] * 1000:.0f} ms, "
            f"p95 {result['p95'] * 1000:.0f} ms; server CPU {result['cpu'] * 1000:.0f} ms a change; "
            f"server RSS {result['rss']:.0f} MB"
        )
        if result["loading"]:
            during = result["loading"]
            print(
                f"  while the model loaded ({during['count']} edits): median {during['median'] * 1000:.0f} ms, "
                f"p95 {during['p95'] * 1000:.0f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
