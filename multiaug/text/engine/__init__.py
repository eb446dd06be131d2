"""The format-preserving edit engine shared by every text augmentation: grapheme clusters (``graphemes``),
documents tokenised into words and protected tokens (``tokenize``), random draws and unit choice (``draws``),
per-document planning (``plan``, with the whole-line planners in ``rewrite``, the character-edit planner in
``char_edits``, the insertion planners in ``insertions`` and the case planner in ``case_edits``), splicing edits
in (``splice``) and moving user spans through them (``spans``)."""
