"""Reasons written where the rule is, not in a `rationale:` of their own.

Real specs rarely set a rule's reason apart. They write it in the rule's own
sentence ("Never share passwords, because attackers reuse them.", "Run the
tests after each change to verify correctness.", "Do not batch tool calls,
as this hides which one failed."), or they let the heading carry it: a
section titled "Preventing harm" or "Privacy" says what its rules protect.
A reviewer reads both as reasons; so does R001 (and R002, R005).

- `reason_in(text)`: whether a rule's text holds a reason clause after (or
  fronted before) its instruction: a causal or purpose connective ("because",
  "since it…", "so that", "in order to", "otherwise", "as this can…", "to
  prevent/avoid/protect/ensure…", "to better format…", "should be used to
  verify…"; Markdown emphasis around the words is markup, not a pause), or
  a consequence set off by a semicolon or
  a dash ("; unreviewed merges can ship a vulnerability"), a comparison of
  the courses of action ("it's better to ask than to guess"), whom the rule
  serves ("for the user's benefit"), the quality it brings ("for better
  extensibility"), a cause before a result that instructs ("The shell is
  limited, so use Node.js"), a harm in a relative clause on what it
  forbids ("filler that would undermine trust"), a sentence that judges
  the action by its cost or risk ("Each call is expensive."), or one whose
  subject is the action and whose verb its effect ("Pinning versions keeps
  builds reproducible."), what depends on it ("This is a requirement for
  the CI to work"), what goes wrong when it is not followed ("If you don't
  run the tests, your code does not work"), a purpose named as such ("with
  the aim of …"), the aims stated before it pointed at ("Consistent with
  these goals, …"; not "actions consistent with these goals"), a result
  after "commands" or "tools" ("Combine related commands to save time";
  not "the commands to avoid"), or a risk the rule asks to be aware of ("Be aware that
  generated code may be vulnerable to injection"). A purpose verb
  that is the object of the instruction ("Refuse to protect…", "Try to
  avoid…", "Do not help users avoid…") is not a reason; after an adverbial
  ("wherever possible to catch errors") it is one again.
- `explains(sentence)`: the same for a sentence that gives no instruction of
  its own, beside a rule; there a consequence needs no separator ("Mixed
  commits can hide which change broke the build.", "AI tools may generate
  plausible but incorrect imports."), an aim stated as
  such ("We aim to …", "Our goal is …") is a reason, and so is an effect
  said of what the rule asks, its subject pointing back ("Such openings
  slow the reader down.", "Doing so keeps the log readable.", "In doing so,
  you keep the queue moving."); `reason_in` reads such a sentence as a
  reason too when it follows the instruction inside the rule's own text.
- `names_harm(text)`: whether a rule's words name the harm it guards against
  ("activity that harms other users", "content that misleads"); a reviewer
  reads that as its reason.
- `names_value(title)`: whether a section's heading says what its rules
  protect: a value named as such ("Human agency", "Safety and wellbeing") or
  a protective phrase ("Preventing harm", "User protection"). A heading that
  only names a topic or a harm ("Privacy", "Harassment", "Risk management")
  says where the rules stand, not why, and does not count.
- `names_goal(heading)`: whether a heading worded as an instruction says
  what the rules under it serve: a value ("Prioritize safety for teens"), a
  protection ("Protect people's privacy") or a harm kept away ("Prevent
  harm to bystanders"). One that only asks for a behaviour ("Avoid long
  replies") does not; nor does it explain itself, being an instruction.
"""

from __future__ import annotations

import re
from ..core import precompiled
from ..core.memo import MB, text_cache
from .markers import FAULTY_OUTPUT

# Verbs whose infinitive complement is the instruction's object, not its purpose:
# "refuse to help", "try to avoid", "need to keep", "be able to prevent".
_CONTROL = (
    r"refuse|refuses|refusing|decline|declines|declining|try|tries|trying|attempt|attempts|attempting|"
    r"want|wants|wanting|need|needs|needing|have|has|having|had|able|unable|going|used|use|how|ways?|"
    r"allowed|permitted|forbidden|asked|told|instructed|required|expected|meant|supposed|likely|"
    r"helps?|helping|assist|assists|enable|enables|let|lets|choose|chooses|decide|decides|plan|plans|"
    r"seek|seeks|seeking|aim|aims|fail|fails|continue|continues|start|begin|begins|remember|forget|"
    r"agree|agrees|promise|offer|offers|hesitate|tend|tends|ought|order|effort|efforts|means|measures|steps|"
    r"strive|strives|striving|sure|careful|wish|intend|intends|appropriate|necessary|needed|possible|"
    r"tool|tools|command|commands|it|them|users?|people|anyone|someone|others"
)
_PURPOSE_VERBS = (
    r"prevent|avoid|protect|ensure|keep|preserve|guard|safeguard|minimi[sz]e|reduce|limit|verify|confirm|"
    r"enhance|validate|disrupt|increase|maximi[sz]e|aid|encourage|enable|allow|"
    r"maintain|spare|respect|uphold|build trust|earn|catch|stop|make sure|comply|save|speed up|"
    r"facilitate|simplify|improve|support|promote|foster|mitigate|lower|detect|help|spot|clarify|"
    # "to make larger replies more readable": a result named by its quality (not "to make changes")
    r"make (?:[\w'’-]+ ){0,4}(?:more|less|easier|harder|clearer|safer|faster|simpler|readable|usable)"
)
#: After "since": not a point in time ("since the last release" dates, it gives no cause).
_NOT_A_TIME = r"(?!the (?:last|first|previous|start|beginning|end|launch|release|moment|time|day|week|month|year)\b)"
_INLINE = precompiled.compile(
    r"(?<![\w'’-])(?:"
    r"because|so that|in order (?:to|that)|for the sake of|which means|this means|that means|"
    # a purpose named as such: "with the aim of increasing participation", "with a view to …"
    r"with (?:the|an|a) (?:\w+ )?(?:aim|goal|intent|intention|purpose|objective) (?:of|to)|with a view to|in the hope (?:of|that)|"
    r"given that|the reason (?:is|being)|lest|for reasons? of|"
    # a cause that opens the sentence or a clause: "Considering that the input may mislead you, …"
    r"(?:^\W*|(?<=[,;]\s))(?:considering|seeing) that\b|"
    # an aim set off after the instruction: "Never settle for a little - the goal is a full report"
    r"(?<=[-–—;:]\s)(?:the|our|its|your|their) (?:\w+ )?(?:goal|aim|purpose|point|objective|intent) (?:here )?is\b|"
    # a pointer to the aims stated before: "Consistent with these goals, …", "in line with our values"
    r"(?:^\W*|(?<=[,;:.])\s)(?:consistent|in line|in keeping|aligned) with (?:these|those|the above|the stated|our|its|their|this|that) "
    r"(?:(?:\w+ )?(?:goals?|values?|principles?|aims?|objectives?|purposes?|mission|commitments?))|"
    # a cause with a noun phrase subject and a modal: "since actions after it will not run"
    rf"since {_NOT_A_TIME}(?:[\w'’-]+ ){{1,4}}(?:will|would|can|cannot|can't|won't|could|might|must|is|are|isn't|aren't|"
    r"do not|don't|does not|doesn't)(?= )|"
    rf"since {_NOT_A_TIME}(?:the|it|this|that|these|those|they|we|you|users?|people|there|many|most|some|"
    r"our|your|their|its|doing|such|no|not|any|every|each|only|without)|"
    r"as (?:this|it|that|doing so|such \w+) (?:\w+ )?(?:can|could|may|might|will|would|helps|keeps|makes|lets|"
    r"causes|leads|prevents|protects|ensures|avoids|saves|costs|risks|wastes|breaks|hides|exposes|"
    r"confuses|misleads|harms|hurts|undermines|erodes|reduces|increases|slows|invalidates|impairs|"
    r"introduces|creates)|"
    r"as (?:they|these|those) (?:\w+ )?(?:can|could|may|might|will|would)|"
    # a purpose named by its value: "for consistency", "for the sake of clarity"
    r"for (?:the sake of )?(?:consistency|clarity|readability|maintainability|safety|security|privacy|"
    r"accuracy|correctness|reliability|simplicity|transparency|accountability|fairness|auditability|"
    r"traceability|reproducibility|accessibility)|"
    r"given (?:the|that|its|their|how)|"
    # a cause with a bare noun subject: "since openness builds trust" (not "since Monday")
    r"since [a-z][\w-]+ (?:\w+ly )?(?:is|are|can|could|may|might|will|would|has|have|does|do|\w{3,}s)|"
    # a purpose named by the quality it brings: "for better extensibility", "for cleaner imports"
    r"for (?:better|improved|easier|faster|cleaner|clearer|safer|simpler|quicker) [a-z][\w-]*(?:ity|ness|ance|ence|ion|ment)(?![\w'’-])|"
    # a cause before a result that instructs: "The shell is limited, so use Node.js for scripts"
    r"[a-z][\w'’-]* [^,.;:!?]{6,}?,\s*so\s+(?:please\s+)?(?:use|prefer|avoid|do|don['’]t|never|always|make|keep|"
    r"check|run|write|add|ask|call|try|choose|pick|stick|rely|be)\b|"
    # a purpose named by whom it serves: "for the user's benefit", "for the benefit of others"
    r"for (?:the |their |your |its |our )?(?:[\w-]+['’]s? |[\w-]+s['’] )?benefit|for the benefit of|"
    # a comparison of the courses of action: "it's better to ask than to guess"
    r"(?:it['’]s|it is) (?:much |far |always )?(?:better|safer|wiser|cheaper|easier) to [^.;]*? than|"
    # what depends on it: "This is a requirement for the CI to work", "needed for the build to pass"
    r"(?:requirement|required|needed|necessary|essential|prerequisite) for (?:the |your |our |this |that |it |them |a )?"
    r"(?:[\w-]+ ){0,2}to (?:work|function|pass|succeed|run|build|compile|load|start)|"
    # a consequence of not doing it: "If you didn't run the tests, your code does not work."
    r"if (?:you|we|they|it|this) (?:do not|don't|did not|didn't|does not|doesn't|fail to|forget to|never) [^.!?;]{1,80}?,"
    r"[^.!?;]{0,60}?(?:(?:does not|doesn't|do not|don't|won't|will not|cannot|can't|did not|didn't) "
    r"(?:work|pass|build|compile|run|succeed|load)|(?:will|would|can|could|may|might) (?:\w+ )?"
    r"(?:fail|break|crash|hang|lose|leak|corrupt|harm|hurt|mislead|waste))|"
    # a value the behaviour serves: "in a way that protects privacy"
    r"(?:that|which) (?:protects?|respects?|preserves?|safeguards?|upholds?) (?:the |their |people|users?|human|civil|privacy|dignity|rights)"
    r")(?![\w'’-])"
    # "…, so the reference survives the merge": a result clause whose subject is a determined noun
    r"|(?:,\s*|\s)so (?:the|a|an|your|our|their|its|this|that|these|those|each|every) [\w'’-]+ [a-z]{3,}s(?![\w'’-])"
    # "…, so GitHub does not become a spam haven", "… so users get feedback": a result clause
    # (with or without its comma; not "do so if …", "and so on", "so far")
    r"|(?:,\s*|(?<![\w'’-])(?<!do )(?<!doing )(?<!if )(?<!and )(?<!or )(?<!not )(?<!even )(?<!just ))"
    r"so\s+(?!far\b|much\b|many\b|long\b|on\b|forth\b|if\b|as\b|that\b|to\b|called\b|only\b|too\b)"
    r"[\w'’-]+(?:\s+[\w'’-]+)?\s+"
    r"(?:does|do|doesn't|don't|won't|will|can|cannot|can't|is|are|isn't|aren't|stays?|remains?|gets?|"
    r"becomes?|has|have|may|might|could|would|never|always)\b"
    # a consequence clause after the instruction ("…, which keeps reviews short", "… This can leak keys"),
    # not a relative clause inside its object ("content that may harm minors")
    r"|(?:[,;:—–]\s*|(?<=[.!?])\s+)(?:this|which|doing so|it) (?:"
    r"(?:helps|ensures|prevents|protects|keeps|avoids|saves|guarantees|preserves|reduces|minimi[sz]es|lets)|"
    r"(?:would|could|can|may|might|will) (?:\w+ )?(?:harm|hurt|mislead|endanger|expose|damage|undermine|erode|"
    r"lose|break|leak|corrupt|confuse|waste|lead to|result in|impair|invalidate))(?![\w'’-])"
    # "…, otherwise the cache goes stale" / "Otherwise, …": a consequence, not "unless told otherwise";
    # "…, else you will fail", "…, or else the build breaks" (a pronoun or article, then a verb, follows)
    r"|(?:[,;:—–]\s*)otherwise[, ]+\w|(?:^|(?<=[.!?])\s+)otherwise,"
    r"|(?:[,;:—–]\s*)(?:or\s+)?else,?\s+(?:you|it|we|they|the|this|that|your|users?)\s+\w+",
    re.I,
)
# "... to verify correctness", "To avoid clutter, ..." (a purpose infinitive not governed by a control verb)
_PURPOSE = precompiled.compile(
    rf"(?:^|(?<![\w'’-])(?P<before>[\w'’-]+)(?P<sep>[)\]\"”]*[ \t]*,?[ \t]*))to (?:(?:(?:\w+ly|further) )?"
    rf"(?:{_PURPOSE_VERBS})|"
    # "to better format lists": an infinitive that asks for an improvement names an aim, whatever its verb
    rf"(?:better|more (?:\w+ly|easily|quickly|clearly)) [a-z]+)(?![\w'’-])",
    re.I,
)
#: "Be aware that …", "Keep in mind that …": what follows is what to know, and a risk there is why.
_AWARE = precompiled.compile(
    r"^\W*(?:(?:please|always)\s+)?(?:be\s+(?:aware|mindful|conscious)|keep\s+in\s+mind|bear\s+in\s+mind|"
    r"remember|note|understand|recogni[sz]e)\s+that\s+",
    re.I,
)
#: Nouns after which an infinitive is usually their own use ("commands to run", "tools to avoid"),
#: and the results that still name the rule's purpose after them ("… commands to save time").
_ACT_NOUNS = frozenset(("command", "commands", "tool", "tools"))
_RESULT = precompiled.compile(r"to (?:save|speed up|reduce|minimi[sz]e|prevent|protect|ensure|keep) ", re.I)
#: "wherever possible", "as soon as needed": an adverbial, after which an infinitive is a purpose again
_ADVERBIAL = precompiled.compile(r"(?:where|wherever|whenever|when|if|as)\s+$", re.I)
#: "should be used", "are often used": the passive of "use", after which an infinitive is the use's purpose
_PASSIVE_USE = precompiled.compile(r"(?<![\w'’-])(?:be|is|are|was|were|been|being|get|gets)\s+(?:\w+ly\s+)?$", re.I)
#: "systems that are used to prevent crime": a relative clause on the object, not the rule's purpose
_RELATIVE = precompiled.compile(r"(?<![\w'’-])(?:that|which|who)\s+(?:[\w'’-]+\s+){1,3}$", re.I)
_CONTROL_WORD = precompiled.compile(rf"^(?:{_CONTROL})$", re.I)
# A consequence set off after the instruction: "; grep is slow on large trees", " - this breaks CI".
_CONSEQUENCE = precompiled.compile(
    r"(?:;|\s[—–]\s|\s-\s|:\s)[^;]*?(?<![\w'’-])(?:"
    r"(?:can|could|may|might|will|would|tends? to|is likely to) (?:\w+ )?"
    r"(?:harm|hurt|mislead|endanger|expose|damage|undermine|erode|cost|lose|break|leak|corrupt|confuse|"
    r"waste|cause|lead to|result in|impair|slow|invalidate|fail|crash|hang|ship|introduce|overwrite|delete)|"
    r"(?:is|are|gets?|becomes?) (?:\w+ )?(?:slow|slower|expensive|costly|unsafe|dangerous|error-prone|fragile|"
    r"brittle|risky|unreliable|confusing|misleading|insecure|wasteful|harmful|irreversible|lost|stale|"
    r"flaky|hard to (?:read|review|debug|revert|undo))|"
    # … or praises what the rule asks for: "— it's free and instant", "; this is faster"
    r"(?:it['’]s|it is|this is|they are|they['’]re) (?:\w+ )?(?:free|cheap|cheaper|fast|faster|quick|quicker|instant|"
    r"safe|safer|reliable|more reliable|simpler|easier|more accurate|lossless|reversible|idempotent)"
    r")(?![\w'’-])",
    re.I,
)
# In a sentence of its own that gives no instruction, a consequence needs no separator:
# "Mixed commits can hide which change broke the build."
_HARM_VERBS = (
    r"harm|hurt|mislead|endanger|expose|damage|undermine|erode|cost|lose|break|leak|corrupt|confuse|"
    r"waste|cause|lead to|result in|impair|slow|invalidate|fail|crash|hang|ship|introduce|overwrite|delete|"
    r"hide|mask|obscure|bury|block|delay|frustrate|annoy|alienate|violate|infringe|"
    # passives after "can be", "may get", "will be"
    r"stolen|leaked|lost|exposed|misused|abused|broken|corrupted|deleted|overwritten|exploited|"
    r"compromised|hacked|harmed|hurt|misled|damaged|wasted|blocked|delayed|sued|fined|banned|"
    # states after "may be", "can be": "code may be vulnerable to prompt injection"
    r"vulnerable|susceptible|insecure|unsafe"
)
_LOOSE_CONSEQUENCE = precompiled.compile(
    rf"(?<![\w'’-])(?:(?:can|could|may|might|will|would|tends? to|is likely to|are likely to) (?:\w+ )?"
    rf"(?:{_HARM_VERBS})"
    # what depends on it: "… only works when …", "… cannot be solved without …"
    r"|only (?:works?|succeeds?|functions?|helps?) (?:when|if)"
    r"|(?:is|are) only (?:\w+ )?(?:effective|useful|valuable|possible|safe|reliable|workable) (?:when|if)"
    r"|(?:cannot|can't|can not|won't|will not|could not|couldn't) (?:\w+ ){0,3}without"
    r"|is the (?:number one|main|most common|biggest|primary|leading) (?:failure|cause|reason|risk|source)"
    # a risk of faulty output: "AI assistants may generate plausible but incorrect information"
    rf"|(?:can|could|may|might|will|would|tend to|often) {FAULTY_OUTPUT}"
    r")(?![\w'’-])",
    re.I,
)
# An evaluation that is a reason wherever it stands: "… is the number one failure mode", and a
# harm named in a relative clause on what the rule forbids ("mistakes that would compromise
# accuracy", "self-deprecation that would undermine usefulness").
_EVALUATION = precompiled.compile(
    r"(?<![\w'’-])(?:is the (?:number one|main|most common|biggest|primary|leading) (?:failure|cause|reason|risk|source)"
    r"|(?:that|which) (?:would|could|can|may|might|will) (?:\w+ )?(?:compromise|undermine|erode|degrade|defeat|damage|"
    r"endanger|jeopardi[sz]e|panic|crash|hang|deadlock|corrupt))(?![\w'’-])",
    re.I,
)
# What an action does, said with the action as subject: "Staying on topic helps produce useful
# threads", "Pinning versions keeps builds reproducible" (a gerund subject and a causal verb).
_EFFECT = precompiled.compile(
    r"(?:^|(?<=[.;:!?])\s+|(?<=\s[-–—]\s))\W*"
    r"(?!(?i:(?:no|some|any|every)thing|during|(?:b|st|sp|k|r|s|w|sw|th|morn|even|ceil)ing)\b)"
    r"[A-Za-z][a-z]{2,}ing\b[^.;:!?]{0,60}?(?<![\w'’-])(?<!that )(?<!which )(?<!who )"
    r"(?:helps|keeps|makes|prevents|protects|ensures|saves|avoids|reduces|improves|promotes|leads to|results in|"
    r"causes|sabotages|undermines|hurts|harms|breaks)(?![\w'’-])",
)
# A sentence that only judges a thing by its cost or risk: "Each call is somewhat expensive."
# (the predicate ends the sentence: "Code that is slow must be profiled" is no judgment)
_VERDICT = precompiled.compile(
    r"(?:^|(?<=[.!?])\s+)[^.!?;]*?(?<![\w'’-])(?<!that )(?<!which )(?<!who )(?:is|are) (?:\w+ )?(?:slow|expensive|costly|unsafe|dangerous|"
    r"error-prone|fragile|brittle|risky|unreliable|wasteful|harmful|irreversible)[.!](?:\s|$)",
    re.I,
)

_VIRTUE = (
    r"safety|honesty|truthfulness|fairness|dignity|well-?being|welfare|autonomy|agency|consent|"
    r"accountability|transparency|integrity|trust|trustworthiness|sustainability|non-?discrimination|"
    r"equity|justice|human rights|harmlessness|helpfulness"
)
_PROTECTIVE = (
    r"prevent(?:ing|ion)?|protect(?:ing|ion)?|avoid(?:ing|ance)?|safeguard(?:ing|s)?|preserv(?:ing|ation)|"
    r"keeping \w+ safe|minimi[sz]ing|reducing|mitigat(?:ing|ion)|defen[cs]e against|guarding against"
)
# A heading that says what its rules protect: a value named as such ("Human agency",
# "Safety and wellbeing"), or a protective phrase ("Preventing harm", "User protection").
# A heading that only names a topic or a harm ("Privacy", "Harassment", "Risk management")
# is where the rules stand, not why.
_VALUE_TITLE = precompiled.compile(rf"(?<![\w'’-])(?:{_VIRTUE}|{_PROTECTIVE})(?![\w'’-])", re.I)


#: Inline code (`Cargo.toml`, `"...rs"`): a name in a sentence, never its punctuation.
_CODE_SPAN = precompiled.compile(r"`[^`\n]*`")


#: Markdown emphasis around words (`**Offer tests** to validate …`): markup, not punctuation.
_EMPHASIS = precompiled.compile(r"(?<![\w*])(?:\*\*|__)(?=\S)|(?<=\S)(?:\*\*|__)(?![\w*])")


def _words_only(text: str) -> str:
    """`text` with each inline code span read as one word (its dots and quotes do not end a clause),
    and without the Markdown emphasis marks around words."""
    if "`" in text:
        text = _CODE_SPAN.sub("code", text)
    if "**" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    return text


#: An aside in parentheses after some words of the rule: it may say why ("(the tool fails if …)").
_ASIDE = precompiled.compile(r"\(([^()\n]{8,240})\)")
#: Where a rule's text starts another sentence.
_LATER_SENTENCE = precompiled.compile(r"(?<=[.!?])\s+(?=\W*[A-Z])")


@text_cache(MB // 4, per_char=0, base=128)  # asked of a rule's text by each check and for each ancestor
def reason_in(text: str) -> bool:
    """Whether a rule's own text gives a reason (see the module docstring)."""
    if not text:
        return False
    text = _words_only(text)
    if (_INLINE.search(text) or _CONSEQUENCE.search(text) or _EVALUATION.search(text) or _VERDICT.search(text)
            or _EFFECT.search(text)):
        return True
    if any(_BACK_EFFECT.match(later) for later in _LATER_SENTENCE.split(text)[1:]):
        return True  # "Take part in reviews. In doing so, you contribute to …": a later sentence on its effect
    aware = _AWARE.match(text)
    if aware is not None and explains(text[aware.end():]):
        return True  # "Be aware that generated code may be vulnerable to injection": the risk is the reason
    for m in _ASIDE.finditer(text):
        if m.start() and explains(m.group(1)):
            return True  # "Don't re-read files after edits (the tool fails if an edit did not apply)"
    for m in _PURPOSE.finditer(text):
        before = m.group("before")
        if before is None or "," in m.group("sep") or not _CONTROL_WORD.match(before):
            return True
        if before.lower() in _ACT_NOUNS and _RESULT.match(text, m.end("sep")):
            return True  # "Combine related commands to save time": what combining them achieves
        if before.lower() == "possible" and _ADVERBIAL.search(text[: m.start("before")]):
            return True  # "… wherever possible to validate assumptions"
        if (before.lower() == "used" and _PASSIVE_USE.search(text[: m.start("before")])
                and not _RELATIVE.search(text[: m.start("before")])):
            return True  # "citations should be used to validate …": what a thing is used for (not "used to do")
    return False


def names_value(title: str) -> bool:
    """Whether a heading names a harm or a value its rules protect."""
    return bool(title) and _VALUE_TITLE.search(title) is not None


# A heading worded as an instruction ("Protect people's privacy", "Prioritize safety for teens",
# "Try to prevent harm to bystanders") says what the rules under it are for when what it asks is a
# value, or protection of something, or keeping a harm away. One that only asks for a behaviour
# ("Avoid long answers", "Keep replies short") says what to do, not why.
_GOAL_VALUE = precompiled.compile(rf"(?<![\w'’-])(?:{_VIRTUE}|protect|safeguard|defend)(?![\w'’-])", re.I)
_GOAL_AWAY = precompiled.compile(
    r"(?<![\w'’-])(?:prevent|avoid|minimi[sz]e|reduce|mitigate|guard against|defend against)(?![\w'’-])", re.I
)


def names_goal(heading: str) -> bool:
    """Whether a heading worded as an instruction names what its rules serve (see `_GOAL_VALUE`):
    a value, a protection, or a harm to keep away."""
    if not heading:
        return False
    if _GOAL_VALUE.search(heading):
        return True
    away = _GOAL_AWAY.search(heading)
    return away is not None and names_harm(heading[away.end():])


# An aim stated as such, in a sentence of its own: "We aim to make the index a place where everyone
# feels safe.", "Our goal is …", "We are committed to fighting …".
_AIM = precompiled.compile(
    r"(?<![\w'’-])(?:(?:we|i)\s+(?:\w+ly\s+)?(?:aim|strive|seek|intend|hope)\s+to"
    r"|(?:our|the|its|their)\s+(?:\w+\s+)?(?:aim|goal|purpose|intent|intention|mission|objective)\s+(?:here\s+)?(?:is|are)"
    r"|(?:we\s+are|we['’]re)\s+(?:\w+\s+)?committed\s+to)(?![\w'’-])",
    re.I,
)


# A sentence whose subject points back at what the rule asks or forbids ("Such comments reduce
# the efficiency of the exchange.", "These checks catch most typos.", "Doing so keeps the log
# readable.") and whose verb is what that does: an effect, good or bad, is a reason.
_BACK_EFFECT = precompiled.compile(
    r"^\W*(?:(?:in|by)\s+doing\s+(?:so|this),?\s+(?:you|we|they|it)|"
    r"this|that|these|those|such\s+[\w'’-]+(?:\s+[\w'’-]+)?|doing\s+so|they)\s+"
    r"(?:(?:can|could|may|might|will|would|often|also|only|usually|tend\s+to|all|both)\s+)*"
    r"(?:reduces?|wastes?|hurts?|harms?|undermines?|erodes?|slows?(?:\s+down)?|confuses?|misleads?|costs?|breaks?|"
    r"hides?|exposes?|endangers?|damages?|frustrates?|alienates?|"
    r"improves?|helps?|keeps?|saves?|builds?|protects?|prevents?|ensures?|avoids?|promotes?|fosters?|"
    r"catch(?:es)?|spares?|speeds?\s+up|contributes?\s+to|"
    r"makes?\s+(?:[\w'’-]+\s+){0,4}(?:easier|harder|clearer|safer|faster|slower|simpler|more|less|possible|impossible))"
    r"(?![\w'’-])",
    re.I,
)


def explains(sentence: str) -> bool:
    """Whether a sentence that gives no instruction of its own explains the rule beside it:
    a reason clause (`reason_in`), a consequence stated on its own ("Mixed commits can
    hide which change broke the build."), or an aim stated as such ("We aim to …", "Our
    goal is …")."""
    sentence = _words_only(sentence)
    return (reason_in(sentence) or _LOOSE_CONSEQUENCE.search(sentence) is not None or _AIM.search(sentence) is not None
            or _BACK_EFFECT.match(sentence) is not None)


# A harm a rule names as what it guards against ("activity that harms other users", "content
# that misleads or deceives", "uses that pose unacceptable risk"): the rule says why in naming it.
_HARM = precompiled.compile(
    r"(?<![\w'’-])(?:harm|harms|harmed|harmful|harming|mislead|misleads|misleading|deceive|deceives|deceptive|"
    r"deception|danger|dangerous|endanger|endangers|unsafe|risk|risks|risky|exploit|exploits|exploitation|"
    r"exploitative|injury|injure|injures|fraud|fraudulent|damage|damages|damaging|infringe\w*|malicious)"
    r"(?![\w'’-])",
    re.I,
)


def names_harm(text: str) -> bool:
    """Whether a rule's words name the harm it guards against (see `_HARM`)."""
    return bool(text) and _HARM.search(text) is not None
