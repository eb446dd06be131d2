"""The text augmentations: ``@augmentation`` declarations and their rules, one module per family
(``parameters.py``: the parameter types and intensity rules the families share)."""
