"""Image targets: what travels with an image through augmentations and how it moves.

* ``boxes`` — bounding-box formats (AugLy's pascal_voc, pascal_voc_norm, coco, yolo), validation, conversion to
  and from normalised coordinates, per-box label fields and what a caller gets back;
* ``box_rules`` — the rules an augmentation declares (``bbox=``) to move boxes: unchanged, flips, warps by a
  matrix, placement into a slot, tiles, occlusion.

The wiring (which call arguments are targets, moving them after each augmentation, returning them) is in
:class:`multiaug.image.modality.ImageModality`; other target kinds (masks, keypoints) get a module here and a
rule next to ``bbox=`` in the declarations.
"""
