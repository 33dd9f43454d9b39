"""Chinese word segmentation (jieba), imported once and kept quiet, and a cutter that remembers.

jieba announces its dictionary in English on stderr and resets its log level on import,
so the level is set after importing.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from generator import internals
from generator.incremental import store


@lru_cache(maxsize=1)
def jieba():
    """jieba, once its version is checked (`internals.check`)."""
    internals.check()
    import jieba as module

    module.setLogLevel(logging.WARNING)
    internals.read_jieba_cache_whole(module)
    return module


@lru_cache(maxsize=1)
def plain():
    """A tokenizer with jieba's own dictionary only. What a new name reads as must not depend on which site's
    words this process loaded into the shared one (`Cutter`): `brandsite new` and the web form, under `serve`
    after a build, propose the same 网址名 for the same name."""
    return jieba().Tokenizer()


_loaded: bytes | None = None  # the user dictionary jieba's shared tokenizer holds


class Cutter:
    """jieba with a site's user dictionary, remembering in ``remembered`` what it has cut for as long
    as that dictionary and jieba's version stay the same. Loading jieba's own dictionary takes over a
    second, which a build that has nothing new to cut does not pay."""

    def __init__(self, dictionary: Path, remembered: Path):
        self.dictionary, self.remembered = dictionary, remembered
        self.text = dictionary.read_bytes()
        self.key = hashlib.sha256(self.text + version("jieba").encode()).hexdigest()
        cuts = store.read_keyed(remembered, self.key, "cuts")
        cuts = cuts if isinstance(cuts, dict) else {}
        self.cuts = {kind: {text: words for text, words in cuts[kind].items() if isinstance(words, list)}
                     if isinstance(cuts.get(kind), dict) else {} for kind in ("words", "search")}
        self.changed = False

    def words(self, text: str) -> list[str]:
        """``text`` as words (jieba's precise mode)."""
        return self._cut("words", text)

    def search_words(self, text: str) -> list[str]:
        """``text`` as words and the shorter words inside them, as search cuts it."""
        return self._cut("search", text)

    def save(self) -> None:
        if self.changed:
            store.write_keyed(self.remembered, self.key, "cuts", self.cuts)

    def _cut(self, kind: str, text: str) -> list[str]:
        table = self.cuts[kind]
        if text not in table:
            tokenizer = self._tokenizer()
            table[text] = tokenizer.lcut(text) if kind == "words" else tokenizer.lcut_for_search(text)
            self.changed = True
        return table[text]

    def _tokenizer(self):
        global _loaded
        module = jieba()
        if _loaded != self.text:
            module.load_userdict(str(self.dictionary))
            _loaded = self.text
        return module


def load_user_dictionary(dictionary: Path, remembered: Path) -> None:
    """``jieba.load_userdict`` of a dictionary of one word a line (search_terms writes it), with the frequencies
    jieba suggested for the same dictionary last time (kept in ``remembered``) given outright: suggesting one
    cuts the word against everything loaded before it, a tenth of a second at 1,000 brands. Given in the same
    order, they leave jieba exactly as suggesting them does."""
    import io

    module = jieba()
    text = dictionary.read_bytes()
    key = hashlib.sha256(text + version("jieba").encode()).hexdigest()
    words = text.decode("utf-8").split()
    freqs = store.read_keyed(remembered, key, "freqs")
    if isinstance(freqs, list) and len(freqs) == len(words) and all(isinstance(f, int) for f in freqs):
        module.load_userdict(io.StringIO("".join(f"{w} {f}\n" for w, f in zip(words, freqs))))
        return
    module.load_userdict(str(dictionary))
    store.write_keyed(remembered, key, "freqs", internals.jieba_frequencies(module, words))
