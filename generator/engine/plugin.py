"""The ``brandsite`` MkDocs plugin only declares brandsite's settings in mkdocs.yml.

All work happens in the pre-build step (``brandsite build``), which writes a generated
docs tree and then runs the engine; so the same mkdocs.yml works with engines that skip
unknown plugins (Zensical), and the core stays plain Python.
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin


class BrandsiteConfig(Config):
    criteria = c.Optional(c.Type(str))
    categories = c.Optional(c.ListOfItems(c.Type(str)))
    featured = c.ListOfItems(c.Type(str), default=[])
    schemes = c.Optional(c.Type(str))
    publish = c.Optional(c.Type(dict))
    kiosk = c.Optional(c.Type(dict))


class BrandsitePlugin(BasePlugin[BrandsiteConfig]):
    pass
