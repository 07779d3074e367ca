"""The Markdown front end: the model specs that exist today, read into the AST.

Real specs are Markdown (the OpenAI Model Spec, Claude's constitution …).
This package reads one with markdown-it-py (a CommonMark parser, with the
front-matter, footnote and admonition plugins and GFM tables) and builds the
same tree the `.mspec` parser builds, with exact spans into the Markdown text.
Block structure comes from markdown-it; the reader only locates the text of
each block in its source lines (markdown-it gives line maps) so that every
span points at the author's characters.

What becomes what:

- Headings are sections. A heading with an attribute block that gives a
  level (`## Do not lie {#do_not_lie authority=user}`, Pandoc / attr_list
  style; `level=`, `priority=`, `hard`, `.hard`, `tags=a,b` are read too) is
  a rule: the heading text without the block is its text, `#id` its id (a
  slug of the text when there is none). A rule heading under a rule is a
  subrule. A document whose first block is an H1 without attributes has that
  heading as its title.
- Under a rule, its normative statements are its subrules (id PARENT.N):
  each normative sentence of a paragraph, each normative list item, the
  normative sentences of table cells; a list item is a subrule of the
  paragraph that introduces it when that paragraph ends with ":" (a lead-in
  such as "The assistant should never:" carries its modality into the
  items; see `SpecModel.analysis`). Nested lists nest. Descriptions under a
  rule are no subrules (see `rulebody`).
- `!!! meta "Commentary"` admonitions (any `!!!` admonition), GitHub alerts
  (`> [!NOTE]`), and paragraphs that give reasons without instructing
  ("because", "the reason is", "this is why", "so that" …) are rationales. A
  paragraph that instructs and then explains ("Do X. This is because Y.")
  becomes a subrule with the explanation as its rationale. Under a section
  (not a rule), they are the section's rationale.
- `**Example**: title` followed by a fenced transcript with `<user>`,
  `<developer>`, `<system>` … and `<assistant> <!-- GOOD|BAD|OK … -->`
  turns (optionally inside `<comparison>`) is an example of the rule it
  stands in: user turns are prompts, other turns are prompts with their tags,
  GOOD/OK answers are good, BAD answers bad, and the comment's explanation a
  note. Fences are CommonMark fences: ``` inside ~~~ is content.
- `[text](#id)` and `[?](#id)` links (and `<!-- BAD[#id] -->`) are
  references of kind "link" from the rule they stand in. A link to a
  section's anchor (a heading that is not a rule) is navigation, not a
  reference; a link to an anchor that exists nowhere is kept, so S003
  reports it. Footnotes without definitions are plain text.
- Under a definitions heading (Definitions, Glossary, Terms, Terminology),
  `**Term**: definition` paragraphs and bullets are terms.
- A table with an ID column (`| ID | Principle |`) makes one rule per row
  (columns named Rationale/Why, Level/Authority, Hard, Tags are read too);
  ids mentioned in a row's text, and ranges such as "AS1–AS4", are
  references to each id.
- When the document marks no rule with an attribute block, a lead-in
  paragraph whose last sentence ends in ":" and requires or forbids
  ("Claude should never:", "… should by default:") followed by a list is a
  rule with the items as subrules (id: a slug of its heading); under a
  heading about hard constraints or bright lines, it is `hard`. The
  reason-giving paragraphs right after it are its rationales.
- Front matter, link-only tables of contents, HTML blocks and template tags
  (`{% … %}`, `{{ … }}`, `:::`, `[TOC]`) are skipped. Authority levels come
  from a `speclint: {levels: [...]}` front-matter key (the configuration's
  `levels` applies when the document has none, see `workspace.options.model_for`).
- `<!-- speclint: ignore[CODES] reason: … -->` is a suppression, like the
  `# speclint:` comment of `.mspec`.

Reading never raises: a Markdown file with no normative content gives a spec
with no rules, and anything that truly cannot be read is an S001 diagnostic.

The package's modules, in the order of the stages (see `reader`):

- `source`, `doc`, `state`: the source text and its positions, and `Doc`,
  what reading one document gathers (passed to every stage as an argument).
- blocks: `tokens` (markdown-it, set up once on first use, its tokens folded
  into a tree) and `htmlblocks` (the prose in HTML blocks) for Markdown;
  `plainblocks` (line by line, no Markdown parser) for plain-text prompts.
- `outline` (stage 1): the blocks in the parts that headings and tag sections make.
- `markup` (stage 2, marked documents): marked headings and ID tables as
  rules; `rulebody`: what stands under a marked rule, as its subrules.
- `statements` (stage 2): blocks as normative statements, with `found` (what
  it finds), `units` (sentences and lines, paragraphs), `lists` (items and
  lead-ins), `rows` (table cells) and `normative` (whether a unit is one).
- `prose` (stage 3, prose): statements as rules, with stable ids and origins.
- `build` (stage 4): the AST.
- `patterns`, `pieces`, `tables`, `examples`: what the stages recognise.

Reading prose, system prompts and agent instruction files (no markup) is
described in `prose`, `statements` and `specdsl.prompts`; `{#id}` alone marks
a heading as a rule where no heading gives a level, and `.rule` marks one
explicitly where some do. YAML prompt files are read by `parse_yaml_prompt`
(their string values, see `specdsl.prompts.yamlprompt`).

May import: `prompts`, `syntax`, `language`, `core`.
"""

from __future__ import annotations

from .patterns import slug
from .reader import parse_markdown, parse_yaml_prompt, read_markdown, read_python_prompt, read_yaml_prompt
from .state import MarkdownStats

__all__ = ["parse_markdown", "parse_yaml_prompt", "read_markdown", "read_python_prompt", "read_yaml_prompt", "MarkdownStats", "slug"]
