"""multiaug.tabular — real-data augmentation of tables: merge, fuzzy merge, append, balanced synthetic rows.

``merge(primary, supplementary, on=..., how="primary"|"both"|"append", match="fuzzy"|"exact", ...)`` adds
attributes or rows from a supplementary table (see :mod:`multiaug.tabular.merge`); the synthetic-row augmentations
(``smote``, ``jitter``, ``category_swap``) are registry entries like the image/text/audio ones (DataFrame in →
DataFrame out, seeded, recorded, replayable). pandas, DuckDB and the other table libraries load on first use.
"""

from __future__ import annotations

from ..core import Choice, Compose, OneOf, RandomApply, SomeOf, Tracker, Uniform
from ..core.exports import populate
from .merge import LeakageWarning, MergeResult, append, merge
from .modality import read_table, write_table
from .replay import replay_merge

__all__ = ["Choice", "Compose", "LeakageWarning", "MergeResult", "OneOf", "RandomApply", "SomeOf", "Tracker",
           "Uniform", "append", "merge", "read_table", "replay_merge", "write_table"]
__all__.extend(populate(globals(), __name__, "tabular"))
