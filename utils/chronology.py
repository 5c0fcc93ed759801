"""Time in a report: one import for the tagger (:mod:`utils.temporal`) and the timeline (:mod:`utils.timeline`).

The two halves live in their own files; this module keeps the public names importable from
``utils.chronology`` as before (notebooks and other modules use it).
"""

from utils.temporal import (
    DAY_PARTS,
    MONTHS,
    NUMBERS,
    REFS,
    SEASONS,
    TIMEX_COLUMNS,
    UNITS,
    WEEKDAYS,
    candidate_spans,
    compare_timexes,
    gold_timexes_for,
    narrative_style,
    normalize,
    tag_doc,
    temporal_expressions,
    tense,
)
from utils.timeline import (
    EVENT_NOUNS,
    PARTICIPANT_LABELS,
    TIMELINE_COLUMNS,
    gold_timeline_for,
    realis,
    relative_expressions,
    timeline,
    timeline_agreement,
)

__all__ = [
    "DAY_PARTS", "EVENT_NOUNS", "MONTHS", "NUMBERS", "PARTICIPANT_LABELS", "REFS", "SEASONS", "TIMELINE_COLUMNS",
    "TIMEX_COLUMNS", "UNITS", "WEEKDAYS", "candidate_spans", "compare_timexes", "gold_timeline_for", "gold_timexes_for", "narrative_style", "normalize",
    "realis", "relative_expressions", "tag_doc", "temporal_expressions", "tense", "timeline", "timeline_agreement",
]
