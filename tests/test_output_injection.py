"""Output that cannot inject (issue 14, findings 3 and 15).

A repository is untrusted input: a file name, a Markdown link target, an
attribute-block id or a line of source that a message quotes may hold any
control character. The text formats show each one as a visible escape
(`\\n`, `\\x1b`, `\\u202e`), so nothing moves the cursor, recolours the
terminal, hides text behind a bidirectional override or starts a line that
the GitHub Actions runner executes (`::error …`, or `##[…]` anywhere in a
line); JSON and SARIF keep the exact text. And a reader that stops early
(`speclint check | head -1`) never turns findings into success.

The tests build a hostile repository and drive the installed `speclint` as
CI does, in a subprocess.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import run_speclint, speclint_executable

from specdsl.core.diagnostics import Diagnostic, Edit, Fix, Related, Severity, make_span
from specdsl.cli.report import write_concise, write_json
from specdsl.cli.report.full import write_full
from specdsl.cli.report.github import write_github
from specdsl.cli.report.sarif import to_sarif
from specdsl.core.sources import printable

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: Every character that must never reach a text format raw: C0, DEL, C1 (NEL among them),
#: the line and paragraph separators and the bidirectional formatting characters.
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)] + ["\u2028", "\u2029"] + list(BIDI)
RAW = re.compile("[" + re.escape("".join(c for c in CONTROLS if c != "\n")) + "]")
#: SGR (colour) sequences: the only escape sequences the coloured full format writes itself.
SGR = re.compile(r"\x1b\[[0-9;]*m")
#: What the Actions runner skips before it looks for `::` (.NET white space), and invisible others.
BLANKS = " \t\x0b\x0c\x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
GITHUB_COMMAND = re.compile(r"::(error|warning|notice) file=[^:,]*,line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?,title=[^:,]*::")
TEXT_FORMATS = ["concise", "full", "full-color", "github"]


def shown(ch: str) -> str:
    """The visible escape of a control character in the text formats."""
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if ch in named:
        return named[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def escaped(text: str) -> str:
    """`text` as the text formats show it (in the middle of a line)."""
    return "".join(shown(ch) if ch in CONTROLS else ch for ch in text).replace("##[", "#\\x23[")


#: What a link target holds after the control character: a workflow command, were it a line of its own.
COMMAND = "::warning::##[warning]"


def name(i: int, ch: str, suffix: str) -> str:
    """The file of the `i`-th character: its name holds the character (a NUL cannot be in a file name)."""
    return f"c{i:02d}{'' if ch == chr(0) else ch}{suffix}"


def mspec(i: int, ch: str) -> str:
    raw = "" if ch == "\x00" else ch  # a NUL byte makes a file binary: it is not read
    include = "" if ch in "\x00\n" else f'include "inc{i:02d}{ch}x.mspec"\n'  # S006 quotes the path
    return (
        include
        + f"rule A{i}a [tags: a{raw}b]: Reply to the user.\n"  # S001 quotes what it found: `{ch}b]:`
        + "  rationale: because it helps.\n"
        + f"rule A{i}b: Reply where possible, and odd{raw}thing.\n"  # V003, and a vague term of the configuration
    )


def markdown(i: int, ch: str) -> str:
    raw = "" if ch == "\x00" else ch
    percent = "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
    return (
        "# Spec\n\n## Refunds\n\n"
        "### Be polite {#P1 authority=root}\n\n"
        f"The assistant must always answer politely. See the [x](#Q{percent}{COMMAND}Q) and [y](#Z&#{ord(ch)};Z).\n\n"
        f"### Be kind {{#B{raw}1 authority=root}}\n\n"
        "The assistant must always be kind.\n"
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> tuple[Path, list[str]]:
    """A folder with an .mspec and a Markdown spec per control character, and a configuration
    whose `vague-terms` hold them too. Returns the folder and the files, in order."""
    root = tmp_path_factory.mktemp("hostile")
    terms = ", ".join(f'"odd\\u{ord(ch):04x}thing"' for ch in CONTROLS)
    (root / ".speclint.yaml").write_text(f"vague-terms: [{terms}]\n", encoding="utf-8")
    files = []
    for i, ch in enumerate(CONTROLS):
        for suffix, text in ((".mspec", mspec(i, ch)), (".md", markdown(i, ch))):
            path = name(i, ch, suffix)
            with open(root / path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            files.append(path)
    return root, files


@pytest.fixture(scope="module")
def output(repo):
    """`speclint check --format FORMAT` on every file of the repository (each format run once)."""
    root, files = repo
    outputs: dict[str, subprocess.CompletedProcess] = {}

    def get(fmt: str) -> subprocess.CompletedProcess:
        if fmt not in outputs:
            env = {"FORCE_COLOR": "1"} if fmt == "full-color" else None
            args = ["check", "--no-cache", "--format", fmt.removesuffix("-color"), *files]
            outputs[fmt] = run_speclint(*args, cwd=root, env=env)
        result = outputs[fmt]
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
        return result

    return get


def document(output) -> dict:
    return json.loads(output("json").stdout)


# ---------------------------------------------------------------- the fields reach the output


def carriers(i: int, ch: str) -> list[tuple[str, str]]:
    """(file, text a message of that file must hold) for each field that carries `ch` into a message.

    Not every field can carry every character: white space ends an id, a NUL
    byte makes a file binary, a line feed ends a line. The vague terms of the
    configuration carry none (phrases are matched word by word, and quoted
    from the lexicon); they are fed all the same."""
    found = [(name(i, ch, ".md"), f"`Q{ch}{COMMAND}Q`")]  # a link target, percent-encoded: every character
    if ch == "\x00":  # in a file only percent-encoded: a NUL byte makes a file binary
        return found
    if not ch.isspace():  # white space ends an id or an attribute list
        found.append((name(i, ch, ".md"), f"`B{ch}1`"))  # an attribute-block id
        found.append((name(i, ch, ".mspec"), f"`{ch}b]:`"))  # the source quoted by S001
    if ch != "\n":  # an include path: S006 names it as it can be shown (`sources.printable`), never raw
        found.append((name(i, ch, ".mspec"), f"`inc{i:02d}{printable(ch)}x.mspec`"))
    return found


def test_json_round_trips_every_field(output):
    diagnostics = document(output)["diagnostics"]
    messages: dict[str, list[str]] = {}
    for d in diagnostics:
        messages.setdefault(d["path"], []).append(d["message"] + "".join(r["message"] for r in d.get("related", [])))
    for i, ch in enumerate(CONTROLS):
        if ch != "\x00":
            assert name(i, ch, ".mspec") in messages and name(i, ch, ".md") in messages, repr(ch)
        for path, text in carriers(i, ch):
            assert any(text in m for m in messages[path]), (repr(ch), text)


def test_sarif_round_trips_every_field(output, repo):
    run = json.loads(output("sarif").stdout)["runs"][0]
    texts = {}
    for result in run["results"]:
        uri = unquote(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        texts.setdefault(uri, []).append(result["message"]["text"])
    for i, ch in enumerate(CONTROLS):
        for path, text in carriers(i, ch):
            assert any(text in m for m in texts[path]), (repr(ch), text)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_write_every_control_character_as_an_escape(output, fmt):
    text = output(fmt).stdout
    json.loads(text)
    assert not RAW.search(text), repr(RAW.search(text).group())
    assert "##[" not in text


# ---------------------------------------------------------------- text formats


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_no_control_character_reaches_a_text_format(output, fmt):
    text = output(fmt).stdout
    if fmt == "full-color":
        assert SGR.search(text)  # the colours are there, and are the only escape sequences
        text = SGR.sub("", text)
    raw = RAW.search(text)
    assert raw is None, f"{raw.group()!r} in {text[max(0, raw.start() - 80) : raw.end() + 20]!r}"


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_no_line_is_a_workflow_command(output, fmt):
    lines = SGR.sub("", output(fmt).stdout).split("\n")
    assert lines[-1] == ""
    commands = 0
    for line in lines[:-1]:
        assert "##[" not in line, line
        if fmt == "github":
            assert GITHUB_COMMAND.match(line), line
            commands += 1
        else:
            assert not line.lstrip(BLANKS).startswith("::"), line
    if fmt == "github":
        assert commands == len(document(output)["diagnostics"])


def test_concise_is_one_line_per_finding_and_shows_every_field(output):
    lines = output("concise").stdout.splitlines()
    diagnostics = document(output)["diagnostics"]
    assert len(lines) == len(diagnostics) + 1 and lines[-1].startswith("Found ")
    for i, ch in enumerate(CONTROLS):
        for path, text in carriers(i, ch):
            assert any(line.startswith(escaped(path) + ":") and escaped(text) in line for line in lines), (repr(ch), text)


def test_full_shows_every_field_escaped(output):
    text = output("full").stdout
    for i, ch in enumerate(CONTROLS):
        for path, needle in carriers(i, ch):
            assert escaped(needle) in text, (repr(ch), needle)
        assert escaped(name(i, ch, ".md")) + ":" in text


def test_github_shows_every_field_escaped(output):
    lines = output("github").stdout.splitlines()
    for i, ch in enumerate(CONTROLS):
        for path, needle in carriers(i, ch):
            message = escaped(needle).replace("%", "%25")
            assert any(message in line.partition("::")[2].partition("::")[2] for line in lines), (repr(ch), needle)


def test_the_runner_would_find_no_command_in_any_format(tmp_path):
    """The probe's own case: a link target `#a%0A::error file=evil::pwned` must not become a
    line of its own, and `##[` (the runner's older command syntax, found anywhere in a line) is broken."""
    (tmp_path / "evil.md").write_text(
        "# Spec\n\n## R {#A1 authority=root}\n\n"
        "The assistant must always reply. See [x](#a%0A::error%20file=evil::pwned) and [y](#b&#10;##[warning]pwned).\n",
        encoding="utf-8",
    )
    for fmt in ("concise", "full", "github", "json", "sarif"):
        result = run_speclint("check", "--no-cache", "--format", fmt, "evil.md", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        for line in result.stdout.splitlines():
            assert "##[" not in line
            if fmt == "github":
                assert GITHUB_COMMAND.match(line), line
            else:
                assert not line.lstrip(BLANKS).startswith("::"), line


# ---------------------------------------------------------------- the reporters, every field


def _evil_diagnostic() -> Diagnostic:
    evil = "".join(CONTROLS) + "##[x]"
    return Diagnostic(
        code="S003",
        name="unknown-reference",
        severity=Severity.ERROR,
        message=f"names `{evil}`",
        span=make_span(1, 1, 0, 1, 4, 3),
        path=f"::error::{evil}.mspec",
        related=[Related(span=make_span(1, 1, 0, 1, 2, 1), message=f"related {evil}", path=f"r{evil}.mspec", rule=None)],
        fix=Fix(message=f"title {evil}", safe=False, edits=[Edit(span=make_span(1, 1, 0, 1, 1, 0), new_text=f"new {evil.replace(chr(10), '')}\n")]),
    )


def test_every_field_of_a_diagnostic_is_escaped_by_every_text_reporter():
    """Related messages, fix titles and edits too (no check puts a control character in them today)."""
    d = _evil_diagnostic()
    source = f"abc {''.join(CONTROLS)} ##[x]\n"
    outputs = {}
    for fmt in ("concise", "full", "github"):
        out = io.StringIO()
        if fmt == "concise":
            write_concise(out, [d])
        elif fmt == "full":
            write_full(out, [d], {d.path: source, d.related[0].path: source})
        else:
            write_github(out, [d])
        outputs[fmt] = out.getvalue()
        assert not RAW.search(outputs[fmt]), (fmt, outputs[fmt])
        assert "##[" not in outputs[fmt]
        for line in outputs[fmt].splitlines():
            assert (fmt == "github" and line.startswith("::error ")) or not line.lstrip(BLANKS).startswith("::"), line
    escaped = "".join(shown(ch) for ch in CONTROLS) + "#\\x23[x]"
    assert outputs["concise"] == f"\\x3a:error::{escaped}.mspec:1:1: S003 [error] names `{escaped}`\n"
    for text in (f"related {escaped}", f"title {escaped}"):
        assert text in outputs["full"]
    # source lines and an edit's text are shown line by line, tabs as spaces
    assert "1 | abc \\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\n" in outputs["full"]
    assert "  + new \\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08    " + escaped.split("\\n", 1)[1] + "\n" in outputs["full"]
    assert outputs["github"].endswith(f"::names `{escaped}`\n")


def test_json_and_sarif_keep_every_field_exactly():
    d = _evil_diagnostic()
    out = io.StringIO()
    write_json(out, [d], {})
    text = out.getvalue()
    assert not RAW.search(text) and "##[" not in text
    assert json.loads(text)["diagnostics"][0] == json.loads(json.dumps(d.to_json()))
    sarif = to_sarif([d], tool_version="0")
    result = sarif["runs"][0]["results"][0]
    assert result["message"]["text"] == d.message


# ---------------------------------------------------------------- other outputs


def test_stats_diff_fmt_and_errors_escape_what_they_echo(tmp_path):
    evil = "\x1b[2J\u202e\n::error::x"
    spec = tmp_path / f"s{evil}.mspec"
    spec.write_text(f'section "T\x1b[31m ##[warning]x":\n  rule   A1: Do it.\n    rationale: because.\n', encoding="utf-8")
    other = tmp_path / "o.mspec"
    other.write_text("rule B1: Do \x1b[31mthat.\n  rationale: because.\n", encoding="utf-8")
    runs = [
        run_speclint("stats", "--format", "text", spec.name, cwd=tmp_path),
        run_speclint("diff", spec.name, other.name, cwd=tmp_path),
        run_speclint("fmt", "--diff", spec.name, cwd=tmp_path),
        run_speclint("fmt", "--check", spec.name, cwd=tmp_path),
        run_speclint("check", f"missing{evil}.mspec", cwd=tmp_path),
        run_speclint("rule", evil, cwd=tmp_path),
        run_speclint("check", "--config", f"missing{evil}.yaml", spec.name, cwd=tmp_path),
    ]
    for result in runs:
        assert "Traceback" not in result.stderr
        for stream in (result.stdout, result.stderr):
            assert not RAW.search(stream.replace("\n", "")), (result.args, stream)
            assert "##[" not in stream
            for line in stream.splitlines():
                assert not line.lstrip(BLANKS).startswith("::"), (result.args, line)
    stats, diff, fmt_diff = runs[0].stdout, runs[1].stdout, runs[2].stdout
    assert "T\\x1b[31m #\\x23[warning]x" in stats
    assert "s\\x1b[2J\\u202e\\n::error::x.mspec" in stats
    assert "B1 added: Do \\x1b[31mthat." in diff
    assert f"--- s\\x1b[2J\\u202e\\n::error::x.mspec (original)" in fmt_diff
    assert "missing\\x1b[2J\\u202e\\n::error::x.mspec: no such file" in runs[4].stderr
    assert runs[6].returncode == 2


def test_stats_on_a_terminal_shows_markup_and_controls_as_text():
    """rich reads `[link=…]` in a string as markup (a terminal hyperlink); a section title is text."""
    from specdsl.tools.stats import FileStats, Row, render_rich

    title = "[link=https://example.invalid]click[/link] [bold red]x[/] \x1b]8;;https://example.invalid\x07"
    out = io.StringIO()
    render_rich([FileStats(path=f"{title}.mspec", total=Row("all", 1), sections=[Row(title, 1)])], out)
    text = out.getvalue()
    assert "\x1b]8;" not in text  # no hyperlink
    assert "[link=https://example.invalid]click[/link]" in text and "[bold red]x[/]" in text
    assert "\\x1b]8;;https://example.invalid\\x07" in text


def test_export_to_standard_output_writes_control_characters_as_json_escapes(tmp_path):
    spec = tmp_path / "s.mspec"
    text = "Do \x7f\x85\u2028\u202e ##[error]x it."
    spec.write_text(f"rule A1: {text}\n  rationale: because.\n", encoding="utf-8")
    for fmt in ("json", "jsonl"):
        result = run_speclint("export", "--format", fmt, spec.name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert not RAW.search(result.stdout.replace("\n", "")) and "##[" not in result.stdout
        first = json.loads(result.stdout.splitlines()[0] if fmt == "jsonl" else result.stdout)
        record = first if fmt == "jsonl" else first["records"][0]
        assert record["text"] == text


def test_a_file_name_that_is_not_utf8_is_shown_as_its_bytes(tmp_path):
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the file system refuses names that are not UTF-8")
    raw = os.fsencode(tmp_path) + b"/bad\xff.mspec"
    with open(raw, "w") as f:
        f.write("rule A: x\n")
    env = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    for fmt in ("concise", "sarif", "json", "github"):
        result = run_speclint("check", "--no-cache", "--format", fmt, ".", cwd=tmp_path, env=env)
        assert result.returncode == 1 and "internal error" not in result.stderr, result.stderr
        if fmt == "concise":
            assert result.stdout.startswith("bad\\xff.mspec:1:6: R001")
        elif fmt == "sarif":
            assert json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.mspec"
        elif fmt == "json":
            assert json.loads(result.stdout)["diagnostics"][0]["path"] == "bad\udcff.mspec"


# ---------------------------------------------------------------- a reader that stops early (finding 15)


def _many_findings(tmp_path: Path) -> Path:
    """A spec with far more findings than a pipe holds (about 600 KB of report)."""
    spec = tmp_path / "big.mspec"
    spec.write_text("".join(f"rule R{i}: Reply to question number {i} where possible.\n" for i in range(2000)), encoding="utf-8")
    return spec


@pytest.mark.parametrize("fmt", ["concise", "json", "full", "github", "sarif"])
def test_check_piped_into_head_keeps_its_verdict_under_pipefail(tmp_path, fmt):
    _many_findings(tmp_path)
    command = f"{shlex.quote(speclint_executable())} check --no-cache --format {fmt} big.mspec | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


def _with_closed_reader(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run speclint with stdout a pipe whose reading end is already closed: its first write breaks."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [speclint_executable(), *args], cwd=cwd, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "args, code",
    [
        (["check", "--no-cache", "big.mspec"], 1),
        (["check", "--no-cache", "--format", "json", "big.mspec"], 1),
        (["check", "--no-cache", "--exit-zero", "big.mspec"], 141),
        (["check", "--no-cache", "--format", "json", "clean.mspec"], 141),
        (["rule", "--all"], 141),
        (["rule", "R001"], 141),
        (["rule", "--all", "--format", "json"], 141),
        (["stats", "--format", "text", "big.mspec"], 141),
        (["stats", "--format", "json", "big.mspec"], 141),
        (["export", "big.mspec"], 141),
        (["diff", "big.mspec", "clean.mspec"], 141),
        (["fmt", "--diff", "messy.mspec"], 141),
        (["fmt", "--check", "messy.mspec"], 141),
        (["fix", "--diff", "--unsafe-fixes", "clean.md"], 141),
        (["convert", "clean.md"], 141),
    ],
)
def test_a_broken_pipe_never_exits_0_nor_prints_a_traceback(tmp_path, args, code):
    _many_findings(tmp_path)
    (tmp_path / "clean.mspec").write_text("rule A1: Reply in the language of the question.\n  rationale: users read it.\n")
    (tmp_path / "messy.mspec").write_text("rule   A1:   Reply.\n  rationale:   because.\n")
    (tmp_path / "clean.md").write_text("# Spec\n\n## R {#A1 authority=root}\n\nThe assistant must always reply.\n")
    result = _with_closed_reader(args, tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr
