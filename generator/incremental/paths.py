"""Every path under a site's ``.brandsite/`` folder, named here and nowhere else.

    .brandsite/
      <work>.lock            one `brandsite build` of a work folder at a time
      <work>/                a generated docs tree and what the engine is given: build (`brandsite build`), preview
        docs/                  the docs tree (an output tree with a ledger)
        linked/, linked.json   the site's images, beside the docs tree, and their list (the engine never lists them)
        ledger                 what the last finished build made in the two (incremental/tree.py)
        previous-site          the record that the folder before the live site holds a whole site
        mkdocs.yml, theme/     the engine's configuration and theme overrides
        jieba_user.txt         the search dictionary
      build/last-build.json  what the last successful build read and left (incremental/unchanged.py)
      kiosk/                 `brandsite kiosk`'s own kiosk
      wechat/<account>/      what `brandsite publish wechat` pushed to one account
      preview/               `brandsite serve`'s work folder; besides: site/, staging/, quick/docs/, admin/ (the form)
      cache/                 what only saves work: kept by CI, and safe to delete
        images/, qr/           web images and QR codes
        pages/<work>/          the engine's rendered pages for one docs tree (engine/page_cache.py): entries, html/
        memo/<kind>/           remembered results, by the digest of their inputs (incremental/store.py)
        templates/, templates-produce/   compiled Jinja templates (the engine's, produce's)
        *.json                 the store's tables: digest memos (brand-files, inputs), image-facts, readings,
                               cuts, jieba-user, theme-files, external-links
        site-links             the links and anchors of each built page, by its stamp (a record)

Paths are absolute (the site's root resolved), so `-C /abs/path` and `cd` name the same files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

BASE = ".brandsite"


def base(root: Path) -> Path:
    return Path(root).resolve() / BASE


def work(root: Path, name: str = "build") -> Path:
    """The folder of one generated docs tree (``build``, ``preview``, a test's ``clean``)."""
    return base(root) / name


def preview(root: Path) -> Path:
    """`brandsite serve`'s work folder."""
    return work(root, "preview")


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


def _inside(*names: str) -> Callable[[Path], Path]:
    """The path ``names`` below the folder it is given (a work folder, the cache)."""
    return lambda folder: folder.joinpath(*names)


# -- inside a work folder (.brandsite/<work>) ------------------------------------------------------------

LINKED = "linked"
docs = _inside("docs")
linked = _inside(LINKED)  # the site's images, linked beside the docs tree at the same places (produce/site.py)
linked_list = _inside(f"{LINKED}.json")
ledger = _inside("ledger")
previous_site = _inside("previous-site")  # the record that the folder before the live site holds a whole site
engine_config = _inside("mkdocs.yml")
theme = _inside("theme")
search_words = _inside("jieba_user.txt")  # the jieba user dictionary produced from the brands
# `brandsite serve`'s, inside its work folder: the served site, the next one being built, a brand's page made
# alone on an edit, and the web form's files
served = _inside("site")
staging = _inside("staging")
quick_docs = _inside("quick", "docs")
form = _inside("admin")


def cache_of(work: Path) -> Path:
    return work.parent / "cache"


# -- inside the cache (.brandsite/cache) ---------------------------------------------------------------

images = _inside("images")
qr = _inside("qr")
file_stamps = _inside("brand-files.json")  # the digest memo of what remembered work reads (brands, scores, code)
input_stamps = _inside("inputs.json")  # the digest memo of every input the nothing-changed check reads
image_facts = _inside("image-facts.json")
readings = _inside("readings.json")
cuts = _inside("cuts.json")
search_words_cache = _inside("jieba-user.json")
theme_files = _inside("theme-files.json")
site_links = _inside("site-links")  # what the build's link check read of each page (check/site_links.py)
external_links = _inside("external-links.json")  # outside addresses that opened, and when (`brandsite links`)


def pages(cache: Path, work_name: str) -> Path:
    """The engine's rendered pages for the docs tree ``work_name``: its entries and HTML (engine/page_cache.py)."""
    return cache / "pages" / work_name


page_entries = _inside("entries")  # (inside a `pages` folder) what each page rendered there left behind
page_html = _inside("html")  # (inside a `pages` folder) the rendered pages' HTML, as blobs


def memo(cache: Path, kind: str) -> Path:
    """The records of one kind (incremental/store.py `Records`)."""
    return cache / "memo" / kind


def templates(cache: Path, whose: str = "engine") -> Path:
    """Compiled Jinja templates: the engine's, or produce's."""
    return cache / ("templates" if whose == "engine" else f"templates-{whose}")
