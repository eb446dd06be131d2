"""Pure image kernels: functions on uint8 H×W×C ndarrays (H×W for one band), no registry, no records.

Each module groups one family of maths (``affine``, ``policy_ops``, ``histogram``, ``weather``,
``batch_mixing``, ``dropout``, ``distortion``, ``crop_resize``, ``color_ops``). Kernels never draw
random values except from an explicit ``rng: numpy.random.Generator`` argument (for bulk random
fields such as noise or rain drops), never modify their input, and return new arrays.
"""
