"""Write the generated docs tree: hand-written content/ plus pages made from brands/."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pipeline import Project
from generator.produce import dates, images, pages
from generator.produce.pages import Card

LOGO_SIDE = 512
PHOTO_SIDE = 1600
ASSETS = Path(__file__).resolve().parent.parent / "assets"


def write_docs(project: Project, docs: Path, cache: Path) -> list[Card]:
    """Fill ``docs`` (emptied first) and return the published brands' cards."""
    root = project.config.root
    if docs.exists():
        shutil.rmtree(docs)
    content = root / (project.config.raw.get("docs_dir") or "content")
    if content.is_dir():
        shutil.copytree(content, docs)
    else:
        docs.mkdir(parents=True)

    brands = sorted(project.published, key=lambda b: b.slug)
    updated = dates.last_updated(root, [b.folder for b in brands])
    cards = []
    for brand in brands:
        folder = docs / "brands" / brand.slug
        logo = images.place(brand.logo_image, cache, folder, "logo", LOGO_SIDE)
        card = Card(brand, logo, updated[brand.folder])
        photos = []
        for i, photo in enumerate(brand.gallery, 1):
            if photo.image is not None:
                name = images.place(photo.image, cache, folder / "photos", f"{i:02d}", PHOTO_SIDE)
                photos.append({"src": f"photos/{name}", "caption": photo.caption})
        (folder / "index.md").write_text(pages.brand_page(card, project.config.site_url, photos), "utf-8")
        cards.append(card)

    (docs / "brands" / "index.md").parent.mkdir(parents=True, exist_ok=True)
    (docs / "brands" / "index.md").write_text(pages.gallery_page(cards, project.config.categories), "utf-8")
    (docs / "criteria").mkdir(exist_ok=True)
    (docs / "criteria" / "index.md").write_text(pages.criteria_page(project.criteria), "utf-8")
    intro_file = docs / "index.md"
    intro = intro_file.read_text("utf-8") if intro_file.is_file() else f"# {project.config.site_name}\n"
    intro_file.write_text(pages.home_page(intro, cards, project.config.featured), "utf-8")
    if (root / "assets").is_dir():  # the site's own CSS, JS, images and fonts
        shutil.copytree(root / "assets", docs / "assets", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ASSETS, docs / "assets" / "brandsite", dirs_exist_ok=True)
    return cards
