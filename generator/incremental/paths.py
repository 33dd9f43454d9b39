"""Every path under a site's ``.brandsite/`` folder, named here and nowhere else.

    .brandsite/
      <work>.lock            one build of a work folder at a time (`brandsite build` and `serve` each their own)
      <work>/                a generated docs tree and what the engine is given: build, preview, clean (tests)
        docs/                  the docs tree (an output tree with a ledger)
        linked/, linked.json   the site's images, beside the docs tree, and their list (the engine never lists them)
        ledger                 what the last finished build made in the two (incremental/tree.py)
        previous-site          the record that the folder before the live site holds a whole site
        mkdocs.yml, theme/     the engine's configuration and theme overrides
        jieba_user.txt         the search dictionary
      build/last-build.json  what the last successful build read and left (incremental/unchanged.py)
      kiosk/                 `brandsite kiosk`'s own kiosk
      wechat/<account>/      what `brandsite publish wechat` pushed to one account
      preview/               `brandsite serve`'s docs tree, its site, staging and quick folders (commands/serve.py)
      cache/                 what only saves work: kept by CI, and safe to delete
        images/, qr/           web images and QR codes
        pages/<work>/          the engine's rendered pages for one docs tree (engine/page_cache.py): entries, html/
        memo/<kind>/           remembered results, by the digest of their inputs (incremental/store.py)
        templates/, templates-produce/   compiled Jinja templates (the engine's, produce's)
        *.json                 stat memos and small tables: file-stamps, inputs, image-facts, readings, cuts,
                               jieba-user, theme-files

Paths are absolute (the site's root resolved), so `-C /abs/path` and `cd` name the same files.
"""

from __future__ import annotations

from pathlib import Path

BASE = ".brandsite"


def base(root: Path) -> Path:
    return Path(root).resolve() / BASE


def work(root: Path, name: str = "build") -> Path:
    """The folder of one generated docs tree (``build``, ``preview``, a test's ``clean``)."""
    return base(root) / name


def lock(root: Path, name: str = "build") -> Path:
    return base(root) / f"{name}.lock"


def cache(root: Path) -> Path:
    return base(root) / "cache"


def last_build(root: Path) -> Path:
    return base(root) / "build" / "last-build.json"


def kiosk(root: Path) -> Path:
    return base(root) / "kiosk"


def wechat_state(root: Path, account: str) -> Path:
    """What `brandsite publish wechat` pushed for one account (a hash of the API address and AppID)."""
    return base(root) / "wechat" / account


# -- inside a work folder -------------------------------------------------------------------------------

LINKED = "linked"


def docs(work: Path) -> Path:
    return work / "docs"


def linked(work: Path) -> Path:
    """The site's images, linked beside the docs tree at the same places (produce/site.py)."""
    return work / LINKED


def linked_list(work: Path) -> Path:
    return work / f"{LINKED}.json"


def ledger(work: Path) -> Path:
    return work / "ledger"


def previous_site(work: Path) -> Path:
    """The record that the building folder holds a whole site, the one before the live one."""
    return work / "previous-site"


def engine_config(work: Path) -> Path:
    return work / "mkdocs.yml"


def theme(work: Path) -> Path:
    return work / "theme"


def search_words(work: Path) -> Path:
    """The jieba user dictionary produced from the brands."""
    return work / "jieba_user.txt"


def cache_of(work: Path) -> Path:
    return work.parent / "cache"


# -- inside the cache -----------------------------------------------------------------------------------

def images(cache: Path) -> Path:
    return cache / "images"


def qr(cache: Path) -> Path:
    return cache / "qr"


def pages(cache: Path, work_name: str) -> Path:
    """The engine's rendered pages for the docs tree ``work_name``."""
    return cache / "pages" / work_name


def page_entries(pages: Path) -> Path:
    """The record of what each page rendered into ``pages`` (a `pages` folder) left behind."""
    return pages / "entries"


def page_html(pages: Path) -> Path:
    """The rendered pages' HTML, as blobs (named by their SHA-256)."""
    return pages / "html"


def memo(cache: Path, kind: str) -> Path:
    return cache / "memo" / kind


def templates(cache: Path, whose: str = "engine") -> Path:
    return cache / ("templates" if whose == "engine" else f"templates-{whose}")


def file_stamps(cache: Path) -> Path:
    """The stat memo of the files remembered work reads (brand folders, scores, brandsite's code)."""
    return cache / "brand-files.json"


def input_stamps(cache: Path) -> Path:
    """The stat memo of every input the nothing-changed check reads."""
    return cache / "inputs.json"


def image_facts(cache: Path) -> Path:
    return cache / "image-facts.json"


def readings(cache: Path) -> Path:
    return cache / "readings.json"


def cuts(cache: Path) -> Path:
    return cache / "cuts.json"


def search_words_cache(cache: Path) -> Path:
    return cache / "jieba-user.json"


def theme_files(cache: Path) -> Path:
    return cache / "theme-files.json"
