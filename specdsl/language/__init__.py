"""Language analysis of rule text, without a model: sentences and clauses,
modality and polarity, normalized action phrases, and lexicons.

Everything here is pure Python and deterministic. The word lists live in
`lexicons/*.txt` (one entry a line, with a header saying where the list comes
from); `lexicon.matcher(name)` turns one into a phrase matcher.
"""

from .analysis import Action, Analysis, Modality, analyze
from .lexicon import PhraseMatcher, entries, matcher
from .text import content_stems, sentences, stem, words

__all__ = [
    "Action",
    "Analysis",
    "Modality",
    "analyze",
    "PhraseMatcher",
    "entries",
    "matcher",
    "content_stems",
    "sentences",
    "stem",
    "words",
]
