"""Image augmentation declarations: one module per family, each holding only ``@augmentation`` declarations and
their rules (intensity, boxes, draws), each body one call into :mod:`multiaug.image.kernels`.

Every module of this folder is imported by ``multiaug.image`` (:func:`multiaug.core.exports.populate`), which
exports each registered function, its class and the modules' ``EXPORTS`` names (the ``Random*`` classes). Shared
pieces: ``parameters`` (parameter types and checks), ``intensity`` (intensity rules used by several families).
"""
