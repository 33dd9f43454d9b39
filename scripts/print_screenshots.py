"""Takes the README's pictures of the printed documents: `brandsite export print` on the demo into a temporary
folder, then a page of each kind rendered by pdftoppm into screenshots/print-*.png.

    .venv/bin/python scripts/print_screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main as brandsite  # noqa: E402

BRAND = "wendang-lianxinqiao"
ROUND = "2026-q3"
WIDTH = 760  # pixels across each picture: as wide as the README shows it
# picture name: (PDF under exports/print/, page numbers, pages side by side)
SHOTS = {
    "print-poster": ([f"posters/{BRAND}-A3.pdf", f"posters/{BRAND}-A4.pdf"], [1]),
    "print-card": ([f"cards/{BRAND}.pdf"], [1]),
    "print-booklet": ([f"rounds/{ROUND}/booklet.pdf"], [1, 2, 3, 5]),
    "print-certificate": ([f"rounds/{ROUND}/certificates.pdf"], [1]),
}


def render(pdf: Path, page: int, folder: Path) -> Image.Image:
    target = folder / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                    str(target)], check=True)
    return Image.open(f"{target}.png").convert("RGB")


def side_by_side(pages: list[Image.Image], gap: int = 24) -> Image.Image:
    """Pages at one height on a grey table, as the paper would lie next to each other."""
    height = max(p.height for p in pages)
    pages = [p.resize((round(p.width * height / p.height), height), Image.LANCZOS) for p in pages]
    sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * (len(pages) + 1), height + 2 * gap), "#d9d9d9")
    x = gap
    for page in pages:
        sheet.paste(page, (x, gap))
        x += page.width + gap
    return sheet.resize((WIDTH, round(sheet.height * WIDTH / sheet.width)), Image.LANCZOS)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "print"
        if brandsite(["-C", str(ROOT), "export", "print", "-o", str(out), "-q"]) != 0:
            sys.exit("brandsite export print failed")
        for name, (files, pages) in SHOTS.items():
            rendered = [render(out / f, page, Path(tmp)) for f in files for page in pages]
            side_by_side(rendered).save(ROOT / "screenshots" / f"{name}.png", optimize=True)
            print(f"screenshots/{name}.png")


if __name__ == "__main__":
    main()
