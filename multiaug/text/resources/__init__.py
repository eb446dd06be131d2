"""Data the text augmentations read: the shipped tables of ``assets/text`` and nlpaug's data files."""
