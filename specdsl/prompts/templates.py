"""Template syntax, blanked out: Jinja / Django / Liquid tags and comments, ERB tags,
Handlebars / Mustache sections, partials and comments (`{{#if x}}`, `{{/if}}`,
`{{else}}`, `{{> part}}`, `{{! note }}`, `{{!-- note --}}`), and lines that are
nothing but an expression.

`{% if tools %}` … `{% endif %}`, `{# a comment #}` (on one line or many)
and lines holding only `{{ expression }}` or `${ expression }` are not the
author's instructions but the machinery that assembles them; so are ERB's
`<% … %>`, `<%# … %>` and lines of `<%= … %>` in an `.erb` file. They become
spaces (line breaks are kept), so that the text around them reads as it
would once rendered, with every offset unchanged. An expression inside a
sentence ("You are {{ name }}, a support agent.") is left in the sentence.
"""

from __future__ import annotations

import re

from .fences import Fences
from ..core import precompiled

#: A template comment: `{# … #}`, with no other `{#` inside (so that a Markdown
#: attribute block such as `{#id}` on a heading is never taken for one).
_COMMENT = precompiled.compile(r"\{#(?:(?!\{#)[\s\S]){0,4000}?#\}")
#: A template statement: `{% … %}` (whitespace control `{%-` / `-%}` included).
_STATEMENT = precompiled.compile(r"\{%[\s\S]{0,4000}?%\}")
#: A line that is only expressions: `{{ … }}` or `${ … }`.
_EXPRESSION_LINE = precompiled.compile(r"^[ \t]*(?:(?:\{\{[^\n]*?\}\}|\$\{[^}\n]*\})[ \t]*)+$", re.M)
#: A Handlebars / Mustache tag that is not an expression: a section's opening or end
#: (`{{#each items}}`, `{{^empty}}`, `{{/each}}`), `{{else}}`, a partial (`{{> footer}}`) or a
#: comment (`{{! note }}`, `{{!-- note, over lines --}}`); `~` trims whitespace.
_HANDLEBARS = precompiled.compile(r"\{\{~?(?:!--[\s\S]{0,4000}?--~?\}\}|[#/^>!][^{}\n]{0,400}?~?\}\}|else(?:\s[^{}\n]{0,200})?\s*~?\}\})")
#: ERB (Ruby templates, `.erb`): a tag that is not an expression (`<% if x %>`, `<%# note %>`, `<%- … -%>`).
_ERB_STATEMENT = precompiled.compile(r"<%(?!=)[\s\S]{0,4000}?%>")
#: An ERB line that is only expressions: `<%= render "nav" %>`.
_ERB_EXPRESSION_LINE = precompiled.compile(r"^[ \t]*(?:<%=[^\n]*?%>[ \t]*)+$", re.M)


def blank(text: str) -> str:
    """`text` as spaces, its line breaks kept."""
    return re.sub(r"[^\r\n]", " ", text)


def mask(text: str, fences: Fences | None = None, erb: bool = False) -> str:
    """`text` with its template syntax blanked out (same length, same lines);
    what stands in fenced code is left as it is. `erb`: the file is an ERB template
    (`.erb`), whose `<% … %>` tags are masked too."""
    if erb and "<%" in text:
        fences = fences if fences is not None else Fences(text)
        text = _ERB_STATEMENT.sub(lambda m: m.group() if m.start() in fences else blank(m.group()), text)
        text = _ERB_EXPRESSION_LINE.sub(lambda m: m.group() if m.start() in fences else blank(m.group()), text)
    if "{%" not in text and "{#" not in text and "{{" not in text and "${" not in text:
        return text
    fences = fences if fences is not None else Fences(text)

    def out(match: re.Match) -> str:
        return match.group() if match.start() in fences else blank(match.group())

    if "{#" in text:
        text = _COMMENT.sub(out, text)
    if "{%" in text:
        text = _STATEMENT.sub(out, text)
    if "{{" in text:
        text = _HANDLEBARS.sub(out, text)
    if "{{" in text or "${" in text:
        text = _EXPRESSION_LINE.sub(out, text)
    return text
