"""The ``brandsite`` MkDocs plugin only declares brandsite's settings in mkdocs.yml.

All work happens in the pre-build step (``brandsite build``), which writes a generated
docs tree and then runs the engine; so the same mkdocs.yml works with engines that skip
unknown plugins (Zensical), and the core stays plain Python. The settings are named and
checked once, in generator/config.py: MkDocs is only told which names are brandsite's, so it
neither warns about them nor checks them a second way.
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from generator.config import DEFAULTS

BrandsiteConfig = type("BrandsiteConfig", (Config,), {name: c.Optional(c.Type(object)) for name in DEFAULTS})


class BrandsitePlugin(BasePlugin[BrandsiteConfig]):
    pass
