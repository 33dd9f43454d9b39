"""The web images' encoder settings, measured: bytes against encoding time on the synthetic site's photos
and logos, resized as a build resizes them.

    .venv/bin/python benches/encoders.py --sample 40

The settings a build uses are in generator/produce/images.py; the table in developers/benchmarks.md comes from here.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402

CANDIDATES = {
    "photo": [
        ("JPEG", {"quality": 85}), ("JPEG", {"quality": 85, "optimize": True, "progressive": True}),
        ("WEBP", {"quality": 82, "method": 0}), ("WEBP", {"quality": 82, "method": 2}),
        ("WEBP", {"quality": 82, "method": 4}), ("WEBP", {"quality": 82, "method": 6}),
    ],
    "logo": [
        ("PNG", {}), ("PNG", {"optimize": True}),
        ("WEBP", {"quality": 82, "method": 2}), ("WEBP", {"quality": 82, "method": 4}),
        ("WEBP", {"quality": 82, "method": 6}),
    ],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=40)
    args = ap.parse_args()
    root = synth.generate(max(args.sample, 100))
    folders = sorted((root / "brands").iterdir())[: args.sample]
    kinds = {"photo": ([next((f / "photos").iterdir()) for f in folders], 1600),
             "logo": ([f / "logo.png" for f in folders], 512)}
    for kind, (paths, side) in kinds.items():
        images = []
        for path in paths:
            with Image.open(path) as im:
                im = im.convert("RGBA" if kind == "logo" else "RGB")
                im.thumbnail((side, side))
                images.append(im.copy())
        print(f"{kind}s ({len(images)}, longest side {side} px):")
        for fmt, options in CANDIDATES[kind]:
            started, total = time.perf_counter(), 0
            for im in images:
                out = io.BytesIO()
                (im.convert("RGB") if fmt == "JPEG" else im).save(out, fmt, **options)
                total += out.tell()
            took = (time.perf_counter() - started) / len(images)
            label = f"{fmt} " + " ".join(f"{k}={v}" for k, v in options.items())
            print(f"  {label:48} {total / len(images) / 1024:7.1f} KB  {took * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
