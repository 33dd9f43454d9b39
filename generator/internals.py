"""The names of MkDocs, Material's search plugin and jieba that brandsite uses although they do not promise them.

Each is wrapped here in a small function named for what brandsite does with it, so that an upgrade of one
of these packages is looked at in one place, and nothing else in brandsite uses them (tests/test_house.py
reads every module to keep it so). What is used:

- MkDocs' build steps ``_populate_page`` and ``_build_page`` (mkdocs.commands.build), to render a page again
  outside a whole build (`populate_page`, `build_page`); its ``config._current_page``, the page being read or
  rendered (`current_page`); a page's ``_title_from_render``, the title its Markdown gave last time
  (`set_title`).
- MkDocs' methods replaced on its own objects: ``File.is_modified``, which its dirty build asks
  (`set_modified`), ``File.copy_file`` (`replace_copy`), ``Theme.get_env`` on a build's own configuration
  (`wrap_env`) and, in the environment it makes, ``list_templates`` as MkDocs lists the theme's static files
  with it (`list_theme_files`); and ``mkdocs.utils.write_file``, replaced once for the whole process by one
  that does what the build running in the calling thread asked (`before_engine_writes`), else what MkDocs
  does.
- Material's search plugin: its index's ``entries`` (`search_entries`, `set_search_entries`) and its jieba
  dictionary options set after MkDocs has read them (`set_jieba_user_dictionary`).
- jieba's module global ``marshal`` (`read_jieba_cache_whole`) and its frequency table ``dt.FREQ``
  (`jieba_frequencies`).

Tested with mkdocs 1.6.1, mkdocs-material 9.8.2 and jieba 0.42.1; any mkdocs 1.6.x, mkdocs-material 9.x and
jieba 0.42.x is taken as tested (`TESTED`). `check` compares the installed versions with these and stops
with `Untested`, whose message says in Chinese what to install: the engine calls it as it starts and
segment.py before it first imports jieba. Importing this module imports none of the three.
"""

from __future__ import annotations

import contextlib
import marshal
import threading
from collections.abc import Callable

# distribution -> (the versions tested, as the prefix they share; what a user knows it as)
TESTED = {
    "mkdocs": ("1.6", "网站引擎"),
    "mkdocs-material": ("9", "网站主题"),
    "jieba": ("0.42", "中文分词"),
}
INSTALL = "请安装 pyproject.toml 中写明的版本（pip install -e .）"


class Untested(Exception):
    """MkDocs, Material or jieba is installed in a version brandsite was not tested with (or is missing); the
    message says which, and what to do, in Chinese."""


_verdict: str | None = None  # `check`'s answer for this process: "" when every version was tested


def check() -> None:
    """Raise `Untested` unless the installed MkDocs, Material and jieba are of the versions tested. Their
    metadata is read once per process."""
    global _verdict
    if _verdict is None:
        _verdict = _untested()
    if _verdict:
        raise Untested(_verdict)


def _untested() -> str:
    """What is wrong with the installed versions, in Chinese; "" when nothing is."""
    from importlib import metadata

    problems = []
    for name, (series, what) in TESTED.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{what} {name} 没有安装")
            continue
        if installed != series and not installed.startswith(series + "."):
            problems.append(f"{what} {name} {installed} 未经 brandsite 测试（已测试 {series}.x）")
    return f"{'；'.join(problems)}：{INSTALL}" if problems else ""


# -- MkDocs' build steps, for one page ---------------------------------------------------------------------

def populate_page(page, config, files) -> None:
    """Read the page's Markdown and render it to HTML, as MkDocs' build does for every page."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def build_page(page, config, doc_files, nav, env) -> None:
    """Put the rendered page into the theme's template and write it, as MkDocs' build does."""
    from mkdocs.commands.build import _build_page

    _build_page(page, config, doc_files, nav, env)


def current_page(config):
    """The page MkDocs is reading or rendering with ``config`` right now; None between pages."""
    return getattr(config, "_current_page", None)


def set_title(page, title: str | None) -> None:
    """The title the page's Markdown gave when it was last rendered, for a page that is not rendered again."""
    page._title_from_render = title


def _modified(file) -> bool:
    return True


def _unmodified(file) -> bool:
    return False


def set_modified(file, modified: bool) -> None:
    """What MkDocs' dirty build asks a file: whether to read and render (or copy) it."""
    file.is_modified = (_modified if modified else _unmodified).__get__(file)


def replace_copy(file, copy: Callable[..., None]) -> None:
    """``copy(dirty=False)`` puts the file into the site instead of MkDocs' own copying (read ``file.copy_file``
    before, to call it from ``copy``)."""
    file.copy_file = copy


# -- the theme's Jinja environment, on one build's configuration -----------------------------------------------

def wrap_env(config, wrapper: Callable) -> None:
    """Every Jinja environment the theme of ``config`` makes is passed through ``wrapper(env) -> env``. Only
    this configuration's theme is changed: another build has a configuration of its own."""
    make_env = config.theme.get_env

    def get_env():
        return wrapper(make_env())

    config.theme.get_env = get_env


def list_theme_files(config, listing: Callable[[Callable[[], list[str]]], list[str]]) -> None:
    """MkDocs finds the theme's static files by calling ``env.list_templates(filter_func=...)`` on the theme's
    environment (`Files.add_files_from_theme`); ``listing(list_them)`` answers that call instead, calling
    ``list_them()`` for MkDocs' own answer when it has none. Any other listing is MkDocs' own."""
    def wrapper(env):
        list_templates = env.list_templates

        def listed(extensions=None, filter_func=None):
            if filter_func is None or extensions is not None:  # not the static files' listing
                return list_templates(extensions, filter_func)
            return listing(lambda: list_templates(filter_func=filter_func))

        env.list_templates = listed
        return env

    wrap_env(config, wrapper)


# -- the files MkDocs writes itself, per build ----------------------------------------------------------------

_builds = threading.local()  # ``before``: what the build running in this thread does before each write
_installing = threading.Lock()


def _write_file_for_this_thread(write_file: Callable[[bytes, str], None]) -> Callable[[bytes, str], None]:
    def dispatched(content: bytes, output_path: str) -> None:
        before = getattr(_builds, "before", None)
        if before is not None:
            before(output_path)
        write_file(content, output_path)

    dispatched.brandsite = True
    return dispatched


def _install_write_file() -> None:
    """MkDocs' ``utils.write_file`` (pages, the sitemap, the search index) replaced once for the process: the
    replacement asks the calling thread's build, if any, before writing as MkDocs does."""
    from mkdocs import utils

    with _installing:
        if not getattr(utils.write_file, "brandsite", False):
            utils.write_file = _write_file_for_this_thread(utils.write_file)


@contextlib.contextmanager
def before_engine_writes(before: Callable[[str], None]):
    """Within the block, ``before(path)`` is called before MkDocs writes a file at ``path`` from this thread.
    Other threads (a `serve` quick render beside a build, another build) write as MkDocs does, or as their own
    block says."""
    _install_write_file()
    outer = getattr(_builds, "before", None)
    _builds.before = before
    try:
        yield
    finally:
        _builds.before = outer


# -- Material's search plugin ---------------------------------------------------------------------------------

def turn_off_blogs(config) -> None:
    """Material's blog plugin, whatever mkdocs.yml calls it, told after MkDocs has read its settings that it is
    off (its own ``enabled`` setting, which it reads as the build starts): with no post to show it would
    publish an empty column page of its own."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "blog" and "enabled" in plugin.config:
            plugin.config.enabled = False


def search_plugins(config) -> list:
    """The search plugins ``config`` lists, whatever mkdocs.yml calls them ("search", "material/search")."""
    return [plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "search"]


def material_search(config):
    """Material's search plugin in ``config`` once MkDocs has configured it (it holds its index from then
    on); None when there is none."""
    return next((plugin for plugin in search_plugins(config) if hasattr(plugin, "search_index")), None)


def search_entries(plugin) -> list[dict]:
    """The entries Material's search plugin has indexed so far in this build, in order (the list itself)."""
    return plugin.search_index.entries


def set_search_entries(plugin, entries: list[dict]) -> None:
    """Material's search plugin writes ``entries`` as its index."""
    plugin.search_index.entries = entries


def takes_jieba_dictionaries(plugin) -> bool:
    """Whether the search plugin has Material's jieba dictionary options."""
    return "jieba_dict_user" in plugin.config


def jieba_main_dictionary(plugin) -> str | None:
    """The main dictionary mkdocs.yml gives the search plugin's jieba instead of jieba's own; None if none."""
    return plugin.config.get("jieba_dict")


def set_jieba_user_dictionary(plugin, path: str | None) -> None:
    """The user dictionary the search plugin loads into jieba when it starts (None: none)."""
    plugin.config.jieba_dict_user = path


# -- jieba ----------------------------------------------------------------------------------------------------

class _WholeFile:
    """`marshal` for jieba, reading its dictionary's cache in one piece: `marshal.load` on a file reads it a few
    bytes at a time, and loading the 9 MB cache took 0.9 s of every build's critical path instead of 0.3 s."""

    dump = staticmethod(marshal.dump)

    @staticmethod
    def load(file):
        return marshal.loads(file.read())


def read_jieba_cache_whole(module) -> None:
    """jieba, the module, reads its dictionary's cache in one piece (it uses its global ``marshal`` for nothing
    else). Once for the process: it is the same module for every build."""
    if module.marshal is not _WholeFile:
        module.marshal = _WholeFile


def jieba_frequencies(module, words: list[str]) -> list[int]:
    """The frequencies jieba's shared dictionary gives ``words`` (each must be in it)."""
    freq = module.dt.FREQ
    return [freq[word] for word in words]
