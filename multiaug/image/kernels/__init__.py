"""Pure image kernels: functions on uint8 H×W×C ndarrays (H×W for one band) or PIL images, no registry, no records.

Each module groups one family of maths: ``resample`` (resize, warps, rotation), ``geometry`` (flips, crops, pads,
inscribed rectangles, perspective maps), ``filters`` (blur, sharpness, Pillow filters, pixelisation), ``color``
(``ImageEnhance`` equivalents, greyscale, mode conversion, opacity), ``luma`` (Pillow's exact L of arrays),
``grey_blend`` (Pillow's blend with the grey image as byte operations), ``lut`` (look-up tables), ``modes`` (working
modes and colours in a mode), ``text_render`` (text layout and drawing with font fallback), ``stripes``, ``meme``,
and the training-time families (``affine``, ``policy_ops``, ``histogram``, ``weather``, ``batch_mixing``,
``dropout``, ``distortion``, ``crop_resize``, ``area`` (integer-factor area reduction), ``color_ops``); ``backends``
imports OpenCV and StringZilla lazily.
Kernels never draw random values except from an explicit ``rng: numpy.random.Generator`` argument (for bulk
random fields such as noise or rain drops), never modify their input, and return new arrays or images.
"""
