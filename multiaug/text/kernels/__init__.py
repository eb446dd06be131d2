"""Pure string functions of the text augmentations (no draws, no records, no plumbing), one module per family."""
