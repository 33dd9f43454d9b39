"""Public text (every value in brand.yml and story.md) holds no word of a word list (错敏 check).

``list``: ``typos`` (wrong words and expressions), ``outdated`` (official names since renamed) or ``sensitive``
(the site's own list). The lists and the site's exemptions are data (check/lexicon.py); the site's settings put
the loaded lists on the rule (``lexicon``), and without them the default lists are used. A brand whose values,
joined, match nothing costs one pass of the automaton.
"""

from generator.check import lexicon as lexicon_mod
from generator.load.yamlpos import locate, position_at

from generator.check.checks.base import Hit

KIND = "words_absent"
PARAMS = {"list": ...}
CHOICES = {"list": {name: name for name in lexicon_mod.LISTS}}


def values(match) -> dict:
    """What fills a rule's message: the word, what to write instead, and a ready-made hint (``advice``)."""
    entry = match.entry
    advice = ""
    if entry.right:
        advice = f"，{'现为' if entry.list == 'outdated' else '应为'}“{entry.right}”"
    if entry.note:
        advice += f"（{entry.note}）"
    return {"match": entry.word, "right": entry.right, "note": entry.note, "advice": advice}


def texts_of(lexicon, name: str, text: str, path: str):
    return [m for m in lexicon.find(text, path) if m.entry.list == name]


def check(brand, rule):
    lexicon = rule.params.get("lexicon") or lexicon_mod.default()
    name = rule.params["list"]
    if brand.doc is not None and texts_of(lexicon, name, brand.doc.joined, brand.source):
        source = brand.doc.text
        for path, text in brand.doc.strings:
            cursor = None
            for m in texts_of(lexicon, name, str(text), brand.source):
                cursor = locate(source, m.entry.word, cursor or brand.doc.at(*path))
                yield Hit(brand.source, cursor, values(m))
                cursor = type(cursor)(cursor.line, cursor.column + 1)
    if brand.story:
        for m in texts_of(lexicon, name, brand.story, brand.story_source or ""):
            yield Hit(brand.story_source, position_at(brand.story, m.start), values(m))
