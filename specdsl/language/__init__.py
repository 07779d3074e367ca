"""Language analysis of rule text, without a model: sentences and clauses,
modality and polarity, normalized action phrases, and lexicons.

Everything here is pure Python and deterministic. The word lists live in
`lexicons/*.txt` (one entry a line, with a header saying where the list comes
from); `lexicon.matcher(name)` turns one into a phrase matcher. `markers`
says which modal markers count in a sentence, `analysis` the rest.

May import: `core`. Nothing that knows a document's structure.
"""

from .analysis import Action, Analysis, analyze
from .lexicon import PhraseMatcher, entries, matcher
from .modality import Modality
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
