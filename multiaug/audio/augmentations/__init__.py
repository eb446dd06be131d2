"""The audio augmentations: one module per family, each holding only ``@augmentation`` declarations and their
rules (intensity, segments, AugLy's extra record keys). A declaration lists its own parameters (plus
``sample_rate`` second when its maths needs the rate), annotates the media as :data:`multiaug.audio.modality.Audio`,
draws every random value in its ``draw`` function and calls a kernel of :mod:`multiaug.audio.kernels`.
Every module here is imported by ``multiaug.audio`` and its augmentations exported.
"""
