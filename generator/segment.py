"""Chinese word segmentation (jieba), imported once and kept quiet.

jieba announces its dictionary in English on stderr and resets its log level on import,
so the level is set after importing.
"""

from __future__ import annotations

import logging
from functools import lru_cache


@lru_cache(maxsize=1)
def jieba():
    import jieba as module

    module.setLogLevel(logging.WARNING)
    return module
