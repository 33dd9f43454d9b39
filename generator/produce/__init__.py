"""Producers: checked data -> files of the generated docs tree (Markdown, images, assets).

Every value an editor wrote reaches a page HTML-escaped (the page templates autoescape); story.md is rendered and then
sanitised with nh3, so nothing in a brand's files can inject script.
"""
