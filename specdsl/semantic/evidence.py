"""What the semantic tier tells the checks, computed once per model.

The checks C002, C003, R003 and V001 ask the `SemanticView` of a model:

- `rule_pairs(threshold)`: pairs of rules whose texts mean nearly the same,
  from the block index (each rule with its nearest rules, never all pairs);
- `rationale_similarity(info, rationale)`: how close a rationale's meaning
  is to its own rule's;
- `delegations(threshold)`: clauses of rule texts that mean what one of the
  judgment-delegation prototypes (`data/delegations.txt`) means, and that the
  sentence head (`head.py`) reads as leaving the decision to judgment;
- `reason_nearby(info)` (R001): a sentence near a prose rule (`context.py`:
  beside it in its paragraph, its list's lead-in, its section's opening),
  not itself a rule, that the sentence head reads as giving a reason.

Every text the selected checks need is embedded in one batch, through the
embedding cache. Similarity only finds candidates: whether two similar rules
conflict or agree is decided by their modality and polarity from the
language analysis (`effective_polarity`), never by the cosine.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from ..core.memo import MB, text_cache
from typing import TYPE_CHECKING, Iterator

from ..language import Analysis, Modality

if TYPE_CHECKING:
    import numpy as np

    from ..syntax.ast import Prose, Rationale
    from ..model.model import RuleInfo, SpecModel

#: The codes whose findings the semantic tier adds to (C002 is its own).
SEMANTIC_CODES = ("C002", "C003", "R003", "V001")
#: The codes whose findings the semantic tier only withdraws (R001: a reason in plain
#: words near the rule). A run with the tier on does not judge their suppressions unused:
#: the lexical run, which still reports the finding, needs them.
REFINED_CODES = ("R001",)


# ---------------------------------------------------------------- data files


def _data(name: str) -> list[str]:
    from ..core.sources import package_text

    text = package_text("specdsl.semantic", "data", name)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def prototypes() -> tuple[str, ...]:
    """The judgment-delegation prototypes (V001)."""
    return tuple(_data("delegations.txt"))


@lru_cache(maxsize=1)
def _negating() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    from ..language.text import stem

    words, patterns = set(), []
    for entry in _data("negating.txt"):
        if entry.startswith("@"):
            patterns.append(re.compile(entry[1:].strip()))
        else:
            words.add(stem(entry))
            words.add(entry)
    return frozenset(words), tuple(patterns)


def negating_action(analysis: Analysis) -> bool:
    """Whether the action itself means not doing something ("withhold", "keep … private")."""
    action = analysis.action
    if action is None:
        return False
    words, patterns = _negating()
    if action.verbs and action.verbs[0] in words:
        return True
    text = " ".join(action.text.lower().split())
    return any(p.search(text) for p in patterns)


def effective_polarity(analysis: Analysis) -> int:
    """+1 when a rule asks for (or allows) doing its action's thing, -1 when it asks for not doing it.

    "Never reveal the balance" and "Withhold the balance" are both -1; "Never
    refuse a refund" is +1. 0 for a description.
    """
    sign = {Modality.OBLIGATION: 1, Modality.PERMISSION: 1, Modality.PROHIBITION: -1}.get(analysis.modality, 0)
    return -sign if sign and negating_action(analysis) else sign


def opposed_by_meaning(a: Analysis, b: Analysis) -> bool:
    """One asks for (or allows) what the other asks to avoid; two permissions never oppose."""
    pa, pb = effective_polarity(a), effective_polarity(b)
    if not pa or not pb or pa == pb:
        return False
    return not (a.modality is Modality.PERMISSION and b.modality is Modality.PERMISSION)


def agree_by_meaning(a: Analysis, b: Analysis) -> bool:
    """Both ask for the same thing, in the same strength (a permission is not an obligation)."""
    pa, pb = effective_polarity(a), effective_polarity(b)
    if not pa or pa != pb:
        return False
    return (a.modality is Modality.PERMISSION) == (b.modality is Modality.PERMISSION)


def _verb_stem(analysis: Analysis) -> str | None:
    action = analysis.action
    return None if action is None else _first_stem(action.text)


@text_cache(1 * MB, per_char=1, base=128)
def _first_stem(text: str) -> str | None:
    from ..language.text import stem, words

    first = words(text)
    return stem(first[0][0]) if first else None


def different_objects(a: Analysis, b: Analysis) -> bool:
    """The same verb on different things ("always log requests" / "never log payment
    data", "answer in English" / "answer in French"): lexical proof that two similar
    rules are about different actions. Only for the very same verb: with different
    verbs the words of the objects differ in any paraphrase."""
    x, y = a.action, b.action
    if x is None or y is None:
        return False
    va, vb = _verb_stem(a), _verb_stem(b)
    if va is None or va != vb:
        return False
    if x.objects and y.objects and not (x.objects <= y.objects or y.objects <= x.objects):
        return True
    return bool(x.qualifiers and y.qualifiers) and not (x.qualifiers <= y.qualifiers or y.qualifiers <= x.qualifiers)


_NUMBER = re.compile(r"(?<![\w.])\$?\d+(?:[.,]\d+)*%?")


def different_numbers(a: str, b: str) -> bool:
    """Both texts name numbers, and not the same ones ("under 120 words" / "under 400 words")."""
    x, y = _numbers(a), _numbers(b)
    return bool(x and y) and x != y


@text_cache(1 * MB, per_char=1, per_item=144)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(text))


def neutral_text(text: str, analysis: Analysis) -> str:
    """A rule's main sentence without its leading modal marker ("Never", "Do not",
    "Always", "You may"): what is asked, not how strongly or which way. Two rules
    about the same action then look alike whether they agree or conflict; the
    polarity is judged apart, from the analysis."""
    start, end = analysis.sentence
    if end <= start:
        start, end = 0, len(text)
    sentence_start = start
    action_start = analysis.action.start if analysis.action is not None else end
    if (
        analysis.marker is not None
        and analysis.marker_end > analysis.marker_start
        and analysis.marker_start - sentence_start <= 30
        and analysis.marker_end <= action_start
    ):
        prefix = text[sentence_start : analysis.marker_start]
        if "," not in prefix and len(prefix.split()) <= 3:
            prefix = ""  # a subject ("You", "The assistant"): not part of what is asked
        return _clean(prefix + " " + text[analysis.marker_end : end])
    return _clean(text[start:end])


@lru_cache(maxsize=1)
def _judgment_words() -> frozenset[str]:
    from ..language.text import stem

    return frozenset(stem(w) for w in _data("judgment_words.txt"))


@text_cache(1 * MB, per_char=0, base=128)
def appeals_to_judgment(clause: str) -> bool:
    """Whether a clause names a faculty or a standard of judgment (data/judgment_words.txt):
    a delegation must, so a concrete instruction is never compared with the prototypes."""
    from ..language.text import stem, words

    vocabulary = _judgment_words()
    return any(stem(w) in vocabulary for w, _, _ in words(clause))


@lru_cache(maxsize=1)
def _stakes():
    from ..language.lexicon import PhraseMatcher

    return PhraseMatcher(_data("stakes.txt"))


def names_stakes(rationale: str, rule: str) -> bool:
    """Whether a rationale names a harm or a consequence that its rule does not
    (data/stakes.txt): then it says why, however close its topic is to the rule."""
    found = {m.text.lower() for m in _stakes().find(rationale)}
    if not found:
        return False
    in_rule = {m.text.lower() for m in _stakes().find(rule)}
    return bool(found - in_rule)


_LEADING_CONNECTIVE = re.compile(
    r"^\s*(?:because|since|as|this is because|the reason is that|this rule exists because|it is important that|"
    r"it matters that)\b[\s,]*",
    re.IGNORECASE,
)


def rationale_text(text: str) -> str:
    """A rationale as it is compared with its rule: without a leading "Because"."""
    return _clean(_LEADING_CONNECTIVE.sub("", text, count=1))


# ---------------------------------------------------------------- clauses

#: Clauses shorter than this ("With young users") are not compared on their own (R003).
MIN_CLAUSE_WORDS = 4

_CLAUSE_SPLIT = re.compile(r"\s*(?:[,;:]|\s[-–—]\s|\(|\))\s*")


def _clean(text: str) -> str:
    """The text as it is embedded: whitespace folded, final period dropped."""
    return " ".join(text.split()).rstrip(" .!")


def clauses(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the clauses of a rule text: its sentences, cut at , ; : and dashes."""
    return _clauses(text)


@text_cache(2 * MB, per_char=0, per_item=128)
def _clauses(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_iter_clauses(text))


def _iter_clauses(text: str) -> Iterator[tuple[int, int]]:
    from ..language.text import sentences

    for s_start, s_end in sentences(text) or [(0, len(text))]:
        pos = s_start
        sentence = text[s_start:s_end]
        cuts = [(m.start() + s_start, m.end() + s_start) for m in _CLAUSE_SPLIT.finditer(sentence)]
        for cut_start, cut_end in cuts + [(s_end, s_end)]:
            piece = text[pos:cut_start]
            stripped = piece.strip().rstrip(".!?")
            if len(stripped.split()) >= 2:
                lead = len(piece) - len(piece.lstrip())
                yield pos + lead, pos + lead + len(stripped)
            pos = cut_end


#: Words that open a subordinate clause or a phrase: a clause opened by one says when, how
#: or under what condition, and instructs nothing on its own.
_SUBORDINATE = re.compile(
    r"^\W*(?:when|whenever|if|unless|while|before|after|as|since|because|once|until|where|wherever|"
    r"though|although|even|without|in|for|during|at|on|with|by|from|of|than|rather)\b",
    re.IGNORECASE,
)


def _subordinate(clause: str) -> bool:
    """Whether a clause opens with a subordinator or a preposition ("When deciding how to reply")."""
    return bool(_SUBORDINATE.match(clause))


# ---------------------------------------------------------------- the view


@dataclass(frozen=True)
class Delegation:
    info: "RuleInfo"
    prose: "Prose"
    kind: str
    start: int
    end: int
    score: float
    prototype: str


class SemanticView:
    """Embeddings of one model's texts and the questions the checks ask of them."""

    @property
    def model(self) -> "SpecModel":
        model = self._model()
        if model is None:  # pragma: no cover - a view lives inside its model
            raise ReferenceError("the model of this semantic view is gone")
        return model

    def __init__(self, model: "SpecModel", embedder, codes: set[str]):
        import numpy as np

        from ..model.candidates import candidates

        # The model keeps its view (`view`); a strong reference back would make every
        # linted model cyclic garbage, which the language server collects only when
        # editing pauses.
        self._model = weakref.ref(model)
        self.codes = set(codes)
        texts: dict[str, int] = {}

        def row(text: str) -> int:
            key = _clean(text)
            if key not in texts:
                texts[key] = len(texts)
            return texts[key]

        #: C002 / C003: normative rules with an action (the conflict candidates)
        self.candidates = candidates(model) if codes & {"C002", "C003"} else []
        cand_rows = [row(neutral_text(c.info.rule.text.text, c.analysis)) for c in model.paced(self.candidates)]
        #: R003: each own rationale with its rule
        self._rationale_rows: dict[int, tuple[int, list[int]]] = {}
        if "R003" in codes:
            for info in model.paced(model.rules):
                if info.rule.text is None:
                    continue
                rule_row = row(neutral_text(info.rule.text.text, model.analysis(info)))
                for rationale in info.own_rationales():
                    text = rationale.text.text
                    parts = [row(rationale_text(text))]
                    pieces = [text[a:b] for a, b in clauses(text)]
                    if len(pieces) > 1:  # every clause must restate the rule, not just the gist
                        parts += [row(rationale_text(p)) for p in pieces if len(p.split()) >= MIN_CLAUSE_WORDS]
                    self._rationale_rows[id(rationale)] = (rule_row, parts)
        #: V001: the clauses of rule texts, and the prototypes
        self._clauses: list[tuple] = []
        proto_rows: list[int] = []
        if "V001" in codes:
            self._clauses = list(self._delegation_clauses(row))
            proto_rows = [row(p) for p in prototypes()]
        #: R001: the sentences near each prose rule that gives no reason the lexical tier sees
        self._near: dict[int, list[tuple[str, int]]] = {}
        if "R001" in codes:
            for info, sentences in _near_sentences(model):
                self._near[id(info)] = [(s, row(s)) for s in sentences]
        ordered = list(texts)
        model.checkpoint()
        vectors = embedder.embed(ordered) if ordered else np.zeros((0, 1), dtype=np.float32)
        self.vectors = vectors
        #: what a sentence does, read from its vector (None for another model's vectors)
        self.head = sentence_head(embedder)
        self._cand_vectors = vectors[cand_rows] if cand_rows else vectors[:0]
        self._proto_vectors = vectors[proto_rows] if proto_rows else vectors[:0]
        self._proto_count = len(proto_rows)

    # -- C002 / C003 ----------------------------------------------------------
    def _pair_arrays(self, threshold: float):
        """The neighbour pairs at or above `threshold`, found once for both checks
        (at the lower of their thresholds) and filtered from then on."""
        import numpy as np

        from .index import neighbour_pairs

        cached = self.__dict__.get("_pairs")
        if cached is None or threshold < cached[0]:
            settings = self.model.config.semantic
            lowest = min(threshold, settings.conflict_threshold, settings.duplicate_threshold)
            rows, cols, sims = neighbour_pairs(self._cand_vectors, lowest)
            self.model.checkpoint()
            polarity = np.array([effective_polarity(c.analysis) for c in self.candidates], dtype=np.int8)
            permission = np.array([c.analysis.modality is Modality.PERMISSION for c in self.candidates], dtype=bool)
            conditional = np.array([c.conditional for c in self.candidates], dtype=bool)
            # levels and priorities order most pairs of a layered spec: resolved, not conflicts
            rank = np.array([_rank(self.model, c.info) for c in self.candidates], dtype=np.int64)
            priority = np.array(
                [c.info.priority if c.info.priority is not None else _NONE for c in self.candidates], dtype=np.int64
            )
            cached = self.__dict__["_pairs"] = (
                lowest, rows, cols, sims, polarity, permission, conditional, rank, priority,
            )
        return cached

    def rule_pairs(self, threshold: float, kind: str | None = None):
        """(a, b, similarity) for candidate rules at or above `threshold`, each pair once.

        `kind` "opposed" keeps only pairs of opposite polarity (not two permissions),
        neither under a condition (C002); "agree" only pairs that ask for the same
        thing in the same strength under the same kind of condition (C003). The
        filters run on arrays; Python sees only the pairs that pass them.
        """
        if not self.candidates:
            return
        _, rows, cols, sims, polarity, permission, conditional, rank, priority = self._pair_arrays(threshold)
        keep = sims >= threshold
        pa, pb = polarity[rows], polarity[cols]
        if kind == "opposed":
            keep &= (pa * pb < 0) & ~(permission[rows] & permission[cols]) & ~conditional[rows] & ~conditional[cols]
            ra, rb, qa, qb = rank[rows], rank[cols], priority[rows], priority[cols]
            by_level = (ra != _NONE) & (rb != _NONE) & (ra != rb)
            by_priority = (qa != _NONE) & (qb != _NONE) & (qa != qb)
            keep &= ~by_level & ~by_priority  # exactly `precedence_between`'s second and third tests
        elif kind == "agree":
            keep &= (pa == pb) & (pa != 0) & (permission[rows] == permission[cols]) & (conditional[rows] == conditional[cols])
        for i, j, s in self.model.paced(zip(rows[keep].tolist(), cols[keep].tolist(), sims[keep].tolist())):
            yield self.candidates[i], self.candidates[j], s

    def neighbours(self, threshold: float, k: int):
        """(a, b, similarity) for each candidate rule and its `k` nearest by meaning at
        or above `threshold`, whatever their polarity, each pair once: what a judge is
        shown besides the opposed pairs (two obligations can pull apart too: "accuracy
        always comes first" and "safety always comes first")."""
        from .index import neighbour_pairs

        if not self.candidates or k < 1:
            return
        rows, cols, sims = neighbour_pairs(self._cand_vectors, threshold, k)
        self.model.checkpoint()
        for i, j, s in self.model.paced(zip(rows.tolist(), cols.tolist(), sims.tolist())):
            yield self.candidates[i], self.candidates[j], s

    # -- R003 -----------------------------------------------------------------
    def rationale_similarity(self, rationale: "Rationale") -> float | None:
        """How much a rationale means what its rule means: the similarity of the rule to
        the rationale, and to each of its clauses, whichever is least (a rationale with
        one clause of its own reasoning is not circular)."""
        rows = self._rationale_rows.get(id(rationale))
        if rows is None:
            return None
        rule, parts = rows
        return float((self.vectors[parts] @ self.vectors[rule]).min())

    # -- V001 -----------------------------------------------------------------
    def _delegation_clauses(self, row):
        from ..model.prose import endorsed, iter_rule_texts

        model = self.model
        for info in model.paced(model.rules):
            rule = info.rule
            if len(rule.subrules) >= 2 or rule.examples:
                continue  # the rule gives its own criteria
            analysis = self.model.analysis(info)
            inherited_prohibition = analysis.modality is Modality.PROHIBITION and analysis.marker is None
            for prose, kind in iter_rule_texts(self.model, info):
                text = prose.text
                if not appeals_to_judgment(text):
                    continue  # no clause of it can
                if kind == "text" and inherited_prohibition:
                    continue  # an item under "Avoid:": what it names is forbidden, not delegated
                for start, end in clauses(text):
                    piece = text[start:end]
                    if not appeals_to_judgment(piece) or not endorsed(text, start):
                        continue
                    yield (info, prose, kind, start, end, row(piece))

    def delegations(self, threshold: float) -> list[Delegation]:
        from .index import best_match

        if not self._clauses or not self._proto_count:
            return []
        clause_rows = [c[5] for c in self._clauses]
        clause_vectors = self.vectors[clause_rows]
        best, score = best_match(clause_vectors, self._proto_vectors)
        # near a prototype is not enough ("choose the reply that least encourages risky dieting"
        # is near "choose whatever response seems appropriate"): the head must read the clause as
        # leaving the decision to judgment with no criterion, and the clause must be one that can
        # instruct on its own, not a condition or a phrase that leads into one ("When deciding how
        # to reply", "at our sole discretion", "without being judgmental")
        judged = None
        if self.head is not None:
            judged = self.head.reads(clause_vectors, "judgment").tolist()
            for i, c in enumerate(self._clauses):
                judged[i] = judged[i] and not _subordinate(c[1].text[c[3] : c[4]])
        protos = prototypes()
        out = []
        for i, ((info, prose, kind, start, end, *_), b, s) in enumerate(zip(self._clauses, best.tolist(), score.tolist())):
            if s >= threshold and (judged is None or judged[i]):
                out.append(Delegation(info, prose, kind, start, end, s, protos[b]))
        return out


    # -- R001 -----------------------------------------------------------------
    def reason_nearby(self, info: "RuleInfo") -> str | None:
        """A sentence near the prose rule `info` that the sentence head reads as giving a
        reason (the likeliest), or None (also when the head does not apply)."""
        near = self._near.get(id(info))
        if not near or self.head is None:
            return None
        probabilities = self.head.probabilities(self.vectors[[r for _, r in near]])[:, self.head.column("reason")]
        best = int(probabilities.argmax())
        return near[best][0] if probabilities[best] >= self.head.thresholds["reason"] else None


#: A sentence that gives an example, points elsewhere, asks or announces ("**Example**: …",
#: "For instance …", "See [the policy](…)", "Read more: …", "… the following:"): no reason of its own.
_NO_REASON = re.compile(
    r"^\W*(?:examples?\b|for (?:example|instance)\b|e\.g\.|i\.e\.|see\b|read more\b|learn more\b|note:)"
    r"|[?:]\W*$",
    re.IGNORECASE,
)


def _near_sentences(model: "SpecModel") -> Iterator[tuple["RuleInfo", list[str]]]:
    """Each prose rule that gives no reason the lexical tier sees, with the sentences near it
    (`context.near`) that are no rule themselves and could give one."""
    from itertools import accumulate

    from .context import context

    by_path: dict[str | None, list] = {}
    for info in model.rules:
        if info.prose and info.rule.text is not None:
            by_path.setdefault(info.path, []).append(info)
    for path, infos in by_path.items():
        text = model.text_of(path)
        ctx = context(text, path) if text else None
        if ctx is None:
            continue
        spans = sorted((i.rule.text.span.offset, i.rule.text.span.end_offset) for i in infos)
        starts = [a for a, _ in spans]
        reach = list(accumulate((b for _, b in spans), max))
        for info in model.paced(infos):
            if info.explained():
                continue
            span = info.rule.text.span
            kept = [
                _clean(s.text)
                for s in ctx.near(span.offset, span.end_offset)
                if not _in_rule(s.start, s.end, starts, reach) and not _NO_REASON.search(s.text)
            ]
            if kept:
                yield info, kept


def _in_rule(start: int, end: int, starts: list[int], reach: list[int]) -> bool:
    """Whether source offsets `start`..`end` overlap a rule's text: of the texts that start
    before `end` (`starts`, sorted), the one that reaches furthest (`reach`, the running
    maximum of their ends) ends after `start`."""
    from bisect import bisect_left

    i = bisect_left(starts, end)
    return i > 0 and reach[i - 1] > start


_NONE = -(2**62)


def _rank(model: "SpecModel", info: "RuleInfo") -> int:
    rank = model.level_rank(info.level)
    return _NONE if rank is None else rank


# ---------------------------------------------------------------- access


def sentence_head(embedder):
    """The sentence head (`head.py`) for this embedder's vectors, or None."""
    from . import head

    return head.for_embedder(embedder)


def active(model: "SpecModel") -> bool:
    """Whether the semantic tier runs for this model (the linter decides)."""
    return bool(model.__dict__.get("_semantic_active"))


def view(model: "SpecModel") -> SemanticView:
    """The model's semantic view, built on first use (embedding what the selected checks need)."""
    codes = set(model.__dict__.get("_semantic_codes") or SEMANTIC_CODES)
    cached = model.__dict__.get("_semantic_view")
    if cached is not None and codes <= cached.codes:
        return cached
    from . import session

    built = SemanticView(model, session.embedder_for(model.config), codes)
    model.__dict__["_semantic_view"] = built
    return built


def thresholds(model: "SpecModel"):
    """The `semantic:` section of the configuration in effect."""
    return model.config.semantic
