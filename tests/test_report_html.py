"""`speclint report`: the HTML review page, read back as a browser reads it.

The Model Spec's page is opened in headless Chromium (Debian's, installed by
`bash scripts/test`): its DOM as Chromium built it must hold the section
names, the bars and a finding's excerpt, and loading it must print nothing
on the browser's console (a probe page shows the console capture works).
A spec written to attack the page (script and markup in its title, rules and
file name) must come out as text, with no element or attribute of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from specdsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
MODEL_SPEC = ROOT / "tests" / "data" / "corpus" / "openai-model-spec" / "model_spec.md"
INSTALL = "Chromium is not installed: run `bash scripts/test`, which installs it (apt-get install -y --no-install-recommends chromium)"


# ---------------------------------------------------------------- Chromium


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(INSTALL)


def browse(page: Path, tmp_path: Path, *extra: str) -> tuple[str, list[str]]:
    """Load `page` in headless Chromium: the DOM it built, and the lines it logged from the page's console."""
    profile = tmp_path / f"profile-{page.stem}"
    proc = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return proc.stdout, console


class Elements(HTMLParser):
    """Every element of a document: (tag, attributes), and its text by class of the nearest classed ancestor."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    return parser


def test_the_console_capture_sees_a_page_that_logs(tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><p>probe</p><script>console.error("probe-message")</script>')
    dom, console = browse(probe, tmp_path, "--dump-dom")
    assert "<p>probe</p>" in dom
    assert any("probe-message" in line for line in console), console


def test_model_spec_report_in_chromium(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(MODEL_SPEC), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert len(page.encode()) < 2_000_000
    dom, console = browse(out, tmp_path, "--dump-dom")
    assert console == [], "the page logged on the console:\n" + "\n".join(console)
    doc = parse(dom)
    text = " ".join(doc.text)
    for section in ("The chain of command", "Stay in bounds", "Seek the truth together", "Do the best work", "Under-18 Principles"):
        assert section in text, section
    bars = [a for tag, a in doc.elements if tag == "svg" and "bar" in a.get("class", "")]
    sections = sum(1 for tag, a in doc.elements if tag == "table" and a.get("class") == "sections")
    assert sections == 1 and len(bars) > 20, len(bars)
    assert sum(1 for tag, _ in doc.elements if tag == "rect") > len(bars)  # bars with something in them
    # R005 on the heading `letter_and_spirit`: its source line, with the id marked.
    assert "## Respect the letter and spirit of instructions {#" in text
    assert any(tag == "mark" for tag, _ in doc.elements)
    for level in ("root", "system", "developer", "user", "guideline"):
        assert f"{level}" in text
    assert not any(tag in ("script", "img", "link", "iframe", "object") for tag, _ in doc.elements)
    shot = tmp_path / "report.png"
    browse(out, tmp_path, "--window-size=1280,1400", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# ---------------------------------------------------------------- untrusted text


ATTACK = "<script>console.error('pwned')</script><img src=x onerror=console.error('img')>"


def test_a_spec_cannot_put_markup_or_script_into_the_page(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    name = "a<b onmouseover=alert(1)>.mspec"
    (folder / name).write_text(
        f'spec "Attack {ATTACK}"\n\n'
        f'section "Title {ATTACK}":\n'
        f"  rule A1: Always tell the user the reason {ATTACK} a card payment was declined.\n"
        "  rule A2: Never tell the user the reason a card payment was declined \u202e etc.\n"
        "    </pre></article><script>console.error('pre')</script>\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    assert main(["report", str(folder / name), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "\u202e" not in page
    assert "&lt;script&gt;console.error(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    assert "\\u202e" in page  # the bidi override shown, not obeyed
    dom, console = browse(out, tmp_path, "--dump-dom")
    assert console == [], console
    doc = parse(dom)
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "main", "div", "b",
               "span", "i", "table", "thead", "tbody", "tr", "th", "td", "svg", "rect", "title", "section", "article",
               "pre", "mark", "code", "footer", "ul", "li"}
    assert {tag for tag, _ in doc.elements} <= allowed
    assert not [(tag, a) for tag, a in doc.elements for key in a if key.startswith("on")]
    text = " ".join(doc.text)
    assert "Title <script>console.error('pwned')</script>" in text  # shown as what it is
    assert name in text


def test_a_conflict_shows_both_rules_side_by_side(tmp_path):
    spec = tmp_path / "bank.mspec"
    spec.write_text(
        'spec "Bank"\n\nsection "Transparency":\n  rationale: Customers who understand a decision can act on it.\n'
        "  rule TR1: Tell the customer the reason a card payment was declined.\n\n"
        'section "Fraud":\n  rationale: Explaining fraud signals teaches fraudsters how to avoid them.\n'
        "  rule FR1: Never tell the customer the reason a card payment was declined.\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    assert main(["report", str(spec), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    article = page.split('<article class="finding error"', 1)[1].split("</article>", 1)[0]
    assert "C001" in article and '<div class="pair">' in article
    left, right = article.split('<div class="pair">', 1)[1].split("</div><div>", 1)
    assert "<mark>TR1</mark>: Tell the customer the reason a card payment was declined." in left
    assert '<mark class="rel">FR1</mark>: Never tell the customer the reason a card payment was declined.' in right


# ---------------------------------------------------------------- since a baseline, since an older version

OLD = """spec "Help desk"

section "Tone":
  rule T1: Answer in a reasonable amount of detail.
  rule T2: Use plain words where possible.
    rationale: Plain words reach every reader.
"""
NEW = """spec "Help desk"

section "Tone":
  rule T1: Answer in a reasonable amount of detail, and be brief.
  rule T2: Use plain words.
    rationale: Plain words reach every reader.
  rule T3: Cite sources etc.
    rationale: Sources let a reader check.
"""


def _since(page: str, kind: str) -> str:
    return page.split(f'<ul class="plain {kind}">', 1)[1].split("</ul>", 1)[0] if f'<ul class="plain {kind}">' in page else ""


@pytest.mark.parametrize("how", ["baseline", "against", "against-folder"])
def test_new_fixed_and_changed(tmp_path, how):
    spec = tmp_path / "new" / "help.mspec"
    spec.parent.mkdir()
    spec.write_text(OLD, encoding="utf-8")
    old = tmp_path / "old" / "help.mspec"
    old.parent.mkdir()
    old.write_text(OLD, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert main(["check", str(spec), "--write-baseline", str(baseline)]) == 0
    spec.write_text(NEW, encoding="utf-8")
    out = tmp_path / "r.html"
    since = ["--baseline", str(baseline)] if how == "baseline" else ["--against", str(old if how == "against" else old.parent)]
    target = spec.parent if how == "against-folder" else spec
    assert main(["report", str(target), "-o", str(out), *since]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<h2>Since " in page
    new, fixed, changed = _since(page, "new"), _since(page, "fixed"), _since(page, "changed")
    assert "V004" in new and "T3" in new  # etc. in the new rule
    assert "V003" in fixed and "T2" in fixed  # "where possible" dropped
    assert "T1" in changed and "V002" in changed and "T1" not in new  # reworded, still vague
    if how != "baseline":
        assert str(old) in fixed  # the older file named as it is
        assert "Rules changed in" in page and "reworded" in page and "added" in page


def test_errors_are_clear_and_write_nothing(tmp_path, capsys):
    spec = tmp_path / "a.mspec"
    spec.write_text('spec "A"\nrule R1: Be brief.\n', encoding="utf-8")
    assert main(["report", str(spec), "-o", str(tmp_path / "no" / "such" / "r.html")]) == 2
    assert "cannot write: no such directory" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["report", str(spec), "-o", str(tmp_path / "r.html"), "--baseline", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["report", str(spec), "-o", str(tmp_path / "r.html"), "--against", str(tmp_path)]) == 2
    assert "give one file and its older version" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    binary = tmp_path / "b.mspec"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert main(["report", str(spec), str(binary), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "b.mspec" in err and "Traceback" not in err
    assert "Not read:" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_without_chromium_the_test_fails_naming_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception) as failed:
        chromium()
    assert "bash scripts/test" in str(failed.value) and "apt-get install -y --no-install-recommends chromium" in str(failed.value)
