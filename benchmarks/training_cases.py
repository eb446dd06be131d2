"""Training-time cases (issue 15): multiaug vs albumentations vs torchvision v2 on the same 1024×768 photo.

torchvision runs in ``benchmarks/.venvs/torch`` (``setup_peers.sh torch``) on a uint8 C×H×W CPU tensor (its
native input for v2 transforms); albumentations and multiaug-np get the H×W×3 uint8 ndarray. Multiaug cases
whose call is not a plain function of the image (pipelines, policies) give their own factory under
``"multiaug-np"``. Like :mod:`cases`, this module imports nothing but the standard library at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cases import Case, _alb

Factory = Callable[[dict[str, Any]], Callable[[Any], Any]]
MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


def _tv(build: Callable[[Any, Any, Any], Callable[[Any], Any]]) -> Factory:
    """``build(torch, v2, F)`` returns the call on a uint8 C×H×W tensor."""
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import torch
        from torchvision.transforms import v2
        from torchvision.transforms.v2 import functional as F

        torch.set_num_threads(1)
        return build(torch, v2, F)
    return factory


def _tvt(make: Callable[[Any, Any], Any]) -> Factory:
    """A torchvision v2 transform object ``make(torch, v2)`` called on the tensor."""
    return _tv(lambda torch, v2, F: make(torch, v2))


def _ma(make: Callable[[Any], Callable[[Any], Any]]) -> Factory:
    """``make(multiaug.image)`` returns the multiaug call (for compositions and policies)."""
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import multiaug.image as imaugs

        return make(imaugs)
    return factory


def _alb_pipeline(params: dict[str, Any]) -> Callable[[Any], Any]:
    import albumentations as A

    # ColorJitter with p=1: torchvision's and multiaug's apply it to every image (albumentations' default is 0.5)
    t = A.Compose([A.RandomResizedCrop(size=(224, 224)), A.HorizontalFlip(), A.ColorJitter(0.4, 0.4, 0.4, 0.1, p=1.0),
                   A.Normalize(mean=MEAN, std=STD)])
    return lambda a: t(image=a)["image"]


def _tv_pipeline(torch: Any, v2: Any, F: Any, antialias: bool = True) -> Callable[[Any], Any]:
    t = v2.Compose([v2.RandomResizedCrop(224, antialias=antialias), v2.RandomHorizontalFlip(),
                    v2.ColorJitter(0.4, 0.4, 0.4, 0.1), v2.ToDtype(torch.float32, scale=True),
                    v2.Normalize(mean=MEAN, std=STD)])
    return lambda x: t(x)


def _ma_pipeline(im: Any, antialias: bool = True) -> Callable[[Any], Any]:
    import multiaug

    pipe = multiaug.Compose([im.RandomResizedCrop(size=224, antialias=antialias), im.HFlip(p=0.5),
                             im.RandomColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1),
                             im.Normalize(mean=MEAN, std=STD)])
    return lambda a: pipe(a)


#: batch cases: N crops of 224×224 from the photo (different offsets), labels = class indices of K classes
BATCH, CROP, CLASSES = 8, 224, 10
IDG_ARGS = {"rotation_range": 20, "width_shift_range": 0.1, "height_shift_range": 0.1, "shear_range": 10,
            "zoom_range": 0.2, "horizontal_flip": True, "fill_mode": "nearest"}


def _crops(hwc: Any) -> Any:
    """N×224×224×3 uint8 crops of the H×W×3 photo (made once per process, outside the timed calls)."""
    import numpy as np

    return np.stack([hwc[32 * i: 32 * i + CROP, 96 * i: 96 * i + CROP] for i in range(BATCH)])


def _cached(make_batch: Callable[[Any], Any], run: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``run(batch)`` where ``batch = make_batch(input)`` is built on the first call (the untimed first call)."""
    memo: dict[int, Any] = {}

    def call(x: Any) -> Any:
        if id(x) not in memo:
            memo.clear()
            memo[id(x)] = make_batch(x)
        return run(memo[id(x)])
    return call


def _ma_batch_mix(cls: str) -> Factory:
    """multiaug MixUp/CutMix on a float32 N×224×224×3 batch in [0, 1] with N class indices."""
    def factory(params: dict[str, Any]) -> Callable[[Any], Any]:
        import numpy as np

        import multiaug.image as im

        mix = getattr(im, cls)(alpha=1.0, num_classes=CLASSES)
        labels = np.arange(BATCH) % CLASSES
        return _cached(lambda a: _crops(a).astype(np.float32) / np.float32(255.0), lambda b: mix(b, labels))
    return factory


def _tv_batch_mix(cls: str) -> Factory:
    """torchvision v2 MixUp/CutMix on a float32 N×3×224×224 batch in [0, 1] with N class indices."""
    def build(torch: Any, v2: Any, F: Any) -> Callable[[Any], Any]:
        mix = getattr(v2, cls)(alpha=1.0, num_classes=CLASSES)
        labels = torch.arange(BATCH) % CLASSES

        def make(t: Any) -> Any:
            crops = [t[:, 32 * i: 32 * i + CROP, 96 * i: 96 * i + CROP] for i in range(BATCH)]
            return torch.stack(crops).to(torch.float32) / 255.0
        return _cached(make, lambda b: mix(b, labels))
    return _tv(build)


def _ma_flow(params: dict[str, Any]) -> Callable[[Any], Any]:
    import multiaug.image as im

    gen = im.ImageDataGenerator(**IDG_ARGS)
    return _cached(lambda a: gen.flow(_crops(a), list(range(BATCH)), batch_size=BATCH, seed=1), next)


def _keras_flow(params: dict[str, Any]) -> Callable[[Any], Any]:
    import os

    os.environ.setdefault("KERAS_BACKEND", "torch")  # the torch venv's backend; the generator itself is numpy/scipy
    # Keras 3 keeps ImageDataGenerator only as legacy code (no longer exported under keras.preprocessing.image)
    from keras.src.legacy.preprocessing.image import ImageDataGenerator

    gen = ImageDataGenerator(**IDG_ARGS)
    return _cached(lambda a: gen.flow(_crops(a), list(range(BATCH)), batch_size=BATCH, seed=1), next)


#: the peers of both random_affine cases: Keras-style ranges (rotation 20°, shifts 10 %, zoom 0.8–1.2, shear 10°)
_AFFINE_PEERS = {
    "albumentations": _alb("Affine", rotate=(-20, 20), translate_percent=(-0.1, 0.1), scale=(0.8, 1.2), shear=(-10, 10)),
    "torchvision": _tvt(lambda torch, v2: v2.RandomAffine(20, translate=(0.1, 0.1), scale=(0.8, 1.2), shear=10,
                                                          interpolation=v2.InterpolationMode.BILINEAR)),
}


TRAINING_CASES = [
    Case("image", "mixup", {}, label="batch8",
         peers={"multiaug-np": _ma_batch_mix("MixUp"), "torchvision": _tv_batch_mix("MixUp")},
         note=f"MixUp(alpha=1, num_classes={CLASSES}) on a float32 batch of {BATCH} crops of {CROP}×{CROP} in [0, 1] "
              "with integer labels (N×H×W×3 for multiaug, N×3×H×W tensor for torchvision); λ ~ Beta(1, 1) per call"),
    Case("image", "cutmix", {}, label="batch8",
         peers={"multiaug-np": _ma_batch_mix("CutMix"), "torchvision": _tv_batch_mix("CutMix")},
         note="CutMix(alpha=1), same batch and labels as mixup[batch8]"),
    Case("image", "image_data_generator", {}, label="flow8",
         peers={"multiaug-np": _ma_flow, "keras": _keras_flow},
         note=(f"one `next()` of `ImageDataGenerator({', '.join(f'{k}={v!r}' for k, v in IDG_ARGS.items())})"
               f".flow(x, y, batch_size={BATCH}, seed=1)` over {BATCH} uint8 crops of {CROP}×{CROP} (float32 batches "
               "out); Keras 3.15.1's legacy ImageDataGenerator (scipy.ndimage warps) in the torch venv, "
               "KERAS_BACKEND=torch")),

    Case("image", "train_pipeline", {}, label="rrc224+hflip+jitter+normalize",
         peers={"multiaug-np": _ma(_ma_pipeline), "albumentations": _alb_pipeline, "torchvision": _tv(_tv_pipeline)},
         note="RandomResizedCrop(224) + HorizontalFlip(0.5) + ColorJitter(0.4, 0.4, 0.4, 0.1) on every image "
              "(albumentations: p=1, its default is 0.5) + Normalize(ImageNet); "
              "torchvision on a uint8 tensor, ToDtype(float32) before Normalize; outputs float32 224×224×3 (CHW for tv)"),
    Case("image", "train_pipeline", {}, label="plain-rrc224+hflip+jitter+normalize",
         peers={"multiaug-np": _ma(lambda im: _ma_pipeline(im, antialias=False)), "albumentations": _alb_pipeline,
                "torchvision": _tv(lambda torch, v2, F: _tv_pipeline(torch, v2, F, antialias=False))},
         note="the same pipeline with the crop resized by plain bilinear at every scale (multiaug "
              "RandomResizedCrop(antialias=False), torchvision antialias=False; albumentations never antialiases "
              "it): the same work in all three"),
    Case("image", "rand_augment", {}, label="n2m9",
         peers={"multiaug-np": _ma(lambda im: im.RandAugment(2, 9)),
                "torchvision": _tvt(lambda torch, v2: v2.RandAugment(2, 9))},
         note="RandAugment(num_ops=2, magnitude=9, 31 bins), nearest; each call draws its ops"),
    Case("image", "trivial_augment_wide", {},
         peers={"multiaug-np": _ma(lambda im: im.TrivialAugmentWide()),
                "torchvision": _tvt(lambda torch, v2: v2.TrivialAugmentWide())}),
    Case("image", "auto_augment", {}, label="imagenet",
         peers={"multiaug-np": _ma(lambda im: im.AutoAugment("imagenet")),
                "torchvision": _tvt(lambda torch, v2: v2.AutoAugment(v2.AutoAugmentPolicy.IMAGENET))}),
    Case("image", "augmix", {},
         peers={"multiaug-np": _ma(lambda im: im.AugMix()), "torchvision": _tvt(lambda torch, v2: v2.AugMix())},
         note="severity 3, width 3, depth 1–3, α = 1, bilinear"),
    Case("image", "random_resized_crop", {"size": 224},
         peers={"albumentations": _alb("RandomResizedCrop", size=(224, 224)),
                "torchvision": _tvt(lambda torch, v2: v2.RandomResizedCrop(224, antialias=True))}),
    Case("image", "random_resized_crop", {"size": 224, "antialias": False}, label="plain",
         peers={"albumentations": _alb("RandomResizedCrop", size=(224, 224)),
                "torchvision": _tvt(lambda torch, v2: v2.RandomResizedCrop(224, antialias=False))},
         note="plain bilinear at every scale in all three (multiaug antialias=False)"),
    Case("image", "random_color_jitter", {"brightness": 0.4, "contrast": 0.4, "saturation": 0.4, "hue": 0.1},
         peers={"albumentations": _alb("ColorJitter", brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1),
                "torchvision": _tvt(lambda torch, v2: v2.ColorJitter(0.4, 0.4, 0.4, 0.1))},
         note="full 1024×768 image, random order, hue included"),
    Case("image", "random_affine", {"rotation_range": 20.0, "width_shift_range": 0.1, "height_shift_range": 0.1,
                                    "shear_range": 10.0, "zoom_range": 0.2},
         peers=_AFFINE_PEERS,
         note="Keras-style ranges; one bilinear warp in every library (multiaug with Keras' default "
              "fill_mode='nearest', a replicated border; albumentations and torchvision fill a constant)"),
    Case("image", "random_affine", {"rotation_range": 20.0, "width_shift_range": 0.1, "height_shift_range": 0.1,
                                    "shear_range": 10.0, "zoom_range": 0.2, "fill_mode": "constant"}, label="constant",
         peers=_AFFINE_PEERS,
         note="the same work in all three: one bilinear warp, a constant (black) border (multiaug fill_mode='constant'; "
              "OpenCV samples a replicated border pixel by pixel, a constant one is cheaper)"),
    Case("image", "posterize", {"bits": 4},
         peers={"albumentations": _alb("Posterize", num_bits=4),
                "torchvision": _tv(lambda torch, v2, F: lambda x: F.posterize(x, 4))}),
    Case("image", "solarize", {"threshold": 128.0},
         peers={"albumentations": _alb("Solarize", threshold_range=(0.5, 0.5)),
                "torchvision": _tv(lambda torch, v2, F: lambda x: F.solarize(x, 128))}),
    Case("image", "equalize", {},
         peers={"albumentations": _alb("Equalize", mode="pil", by_channels=True),
                "torchvision": _tv(lambda torch, v2, F: lambda x: F.equalize(x))}),
    Case("image", "autocontrast", {},
         peers={"albumentations": _alb("AutoContrast"), "torchvision": _tv(lambda torch, v2, F: lambda x: F.autocontrast(x))}),
    Case("image", "invert", {},
         peers={"albumentations": _alb("InvertImg"), "torchvision": _tv(lambda torch, v2, F: lambda x: F.invert(x))}),
    Case("image", "shear", {"factor": 0.3},
         peers={"torchvision": _tv(lambda torch, v2, F: lambda x: F.affine(x, angle=0.0, translate=[0, 0], scale=1.0,
                                                                          shear=[16.7, 0.0], center=[0, 0]))},
         note="policy ShearX (nearest, about the top-left corner)"),
    Case("image", "rotate_keep_size", {"degrees": 15.0},
         peers={"albumentations": _alb("Rotate", limit=(15, 15), interpolation=0, border_mode=0),
                "torchvision": _tv(lambda torch, v2, F: lambda x: F.rotate(x, 15.0))},
         note="nearest, canvas kept, corners black"),
    Case("image", "clahe", {"clip_limit": 4.0}, peers={"albumentations": _alb("CLAHE", clip_limit=(4, 4))}),
    Case("image", "coarse_dropout", {"num_holes_range": (8, 8), "hole_height_range": (0.05, 0.1),
                                     "hole_width_range": (0.05, 0.1)},
         peers={"albumentations": _alb("CoarseDropout", num_holes_range=(8, 8), hole_height_range=(0.05, 0.1),
                                       hole_width_range=(0.05, 0.1))}),
    Case("image", "random_erasing", {},
         peers={"torchvision": _tvt(lambda torch, v2: v2.RandomErasing(p=1.0))}),
    Case("image", "grid_distortion", {},
         peers={"albumentations": _alb("GridDistortion", num_steps=5, distort_limit=0.3)}),
    Case("image", "elastic_transform", {"alpha": 10.0, "sigma": 50.0},
         peers={"albumentations": _alb("ElasticTransform", alpha=300, sigma=10),
                "torchvision": _tvt(lambda torch, v2: v2.ElasticTransform(alpha=50.0, sigma=5.0))},
         note="parameters mean different things: multiaug = 10 px displacements on a 50 px control grid; "
              "albumentations/torchvision = a full-resolution random field smoothed by a Gaussian"),
    Case("image", "rain", {}, peers={"albumentations": _alb("RandomRain")}),
    Case("image", "snow", {}, peers={"albumentations": _alb("RandomSnow")},
         note="multiaug: flakes + ground whitening; albumentations 'bleach' brightens light areas only"),
    Case("image", "fog", {}, peers={"albumentations": _alb("RandomFog")},
         note="multiaug: Koschmieder scattering over a depth ramp; albumentations: blurred fog blobs"),
    Case("image", "sun_flare", {}, peers={"albumentations": _alb("RandomSunFlare")}),
    Case("image", "shadow", {}, peers={"albumentations": _alb("RandomShadow")}),
    Case("image", "brightness", {"factor": 1.5}, label="tv",
         peers={"torchvision": _tv(lambda torch, v2, F: lambda x: F.adjust_brightness(x, 1.5))}),
    Case("image", "contrast", {"factor": 1.5}, label="tv",
         peers={"torchvision": _tv(lambda torch, v2, F: lambda x: F.adjust_contrast(x, 1.5))}),
    Case("image", "hflip", {}, label="tv",
         peers={"torchvision": _tv(lambda torch, v2, F: lambda x: F.horizontal_flip(x))}),
]
for _c in TRAINING_CASES:
    _c.ndarray_only = True  # the training loop's input is the ndarray (issue 15)
