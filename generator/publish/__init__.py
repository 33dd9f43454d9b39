"""Publishing channels: the same brands and results as articles for WeChat, portal CMSs and feeds.

article  — what an article says (plain data, house markup), made from brands and ranked rounds
markup   — channel-neutral HTML rewrites (lists, tables, links, images) on an lxml tree
media    — images as the channels accept them (JPEG/PNG under 1 MB, SVG rasterised)
cover    — cover and thumbnail pictures drawn with Pillow
wechat   — the WeChat export folder: inline-styled article, images, covers, manifest, preview
portal   — portal CMS fragments with government meta tags
printing — posters, counter cards, booklets and certificates as print-ready PDF (WeasyPrint; themes/print/)
"""
