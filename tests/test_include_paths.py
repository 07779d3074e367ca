"""An `include` whose path no file can have (a NUL, half a surrogate pair,
control characters, thousands of characters, nothing) is one S006 on that
line; every other finding of the document stays. The message shows the
path with its control characters escaped and a long path cut short: the
path comes from an untrusted spec and the message goes to a terminal, a CI
log or an editor.

An editor buffer can hold what no file on disk can (the command line refuses
a file with a NUL, and UTF-8 has no lone surrogates), so these go through
`lint` as the language server calls it; tests/lsp/test_lsp_untrusted_workspace.py
drives the server itself.
"""

from __future__ import annotations

import pytest

from specdsl import lint

BODY = 'rule A1: Use good judgment.\n\nsection "Refunds":\n  rule RF1: Refund a cancelled flight.\n    rationale: Passengers are owed their money when we fail to fly them.\n'

JUNK = {
    "nul": ("a\x00b.mspec", "the path contains a NUL character"),
    "surrogate": ("a\ud800b.mspec", "the path contains \\ud800, half of a character (a lone surrogate), not text"),
    "escape": ("a\x1b]0;owned\x07b.mspec", "the path contains the control character \\x1b"),
    "csi": ("a\x9b2Jb.mspec", "the path contains the control character \\x9b"),
    "long": ("d/" * 3000 + "x.mspec", "the path is 6,007 characters long, more than the 4,096 a file name can have"),
    "empty": ("", "the path is empty"),
}


@pytest.mark.parametrize("kind", sorted(JUNK))
def test_a_junk_include_path_is_one_s006_and_the_rest_stays(tmp_path, kind):
    path, reason = JUNK[kind]
    text = f'include "{path}"\n' + BODY
    diags = lint(text, str(tmp_path / "main.mspec"), workspace=str(tmp_path))
    assert sorted(d.code for d in diags) == ["R001", "S006", "V001"], [(d.code, d.message) for d in diags]
    (s006,) = [d for d in diags if d.code == "S006"]
    assert s006.span.line == 1 and s006.message.endswith(": " + reason), s006.message
    assert s006.message.isprintable() and len(s006.message) < 300, s006.message


def test_the_command_line_shows_a_control_character_in_an_include_path_escaped(tmp_path, run):
    (tmp_path / "main.mspec").write_text('include "x\x1b[2J\x1b]0;owned\x07.mspec"\n' + BODY)
    result = run("check", "--no-cache", "--format", "concise", "main.mspec", cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert (
        "main.mspec:1:9: S006 [error] cannot include `x\\x1b[2J\\x1b]0;owned\\x07.mspec`: "
        "the path contains the control character \\x1b"
    ) in result.stdout.splitlines()
