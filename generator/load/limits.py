"""The numbers that bound what the generator reads, in one place (the README lists them).

Every file comes from editors in many units; none of these is near what a real brand needs, and each
keeps one hostile file from costing minutes or gigabytes."""

KB, MB = 1024, 1024 * 1024

FILE_BYTES = {  # largest file of each kind
    "brand.yml": 256 * KB,
    "story.md": 1 * MB,  # about 330,000 Chinese characters
    "news": 1 * MB,
    "round": 2 * MB,
    "table": 10 * MB,  # a CSV or XLSX of scores
}
XLSX_UNPACKED = 50 * MB  # an XLSX is a zip: the most it may unpack to
XLSX_RATIO = 100  # and the most it may be compressed (a decompression bomb packs far tighter)
TABLE_ROWS = 20_000  # rows of one score table (a province has a few thousand brands)
FIELD_CHARS = 2_000  # one text value in brand.yml; longer text belongs in story.md
YAML_DEPTH = 12  # nesting of any YAML file (a brand.yml needs four)
YAML_ALIASES = 0  # anchors and aliases: none
IMAGE_PIXELS = 40_000_000  # one image, decoded
PHOTO_PIXELS = 150_000_000  # a JPEG (a phone's photo): decoded at a reduced scale, never whole

# characters no editor means to type and no reader can see: controls, zero-width and bidirectional
# formatting characters (which can make a text display as something else than it says)
INVISIBLE = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
             "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
INVISIBLE_NAMES = {"\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\u200e": "从左到右标记",
                   "\u200f": "从右到左标记", "\ufeff": "零宽不换行空格", "\u00ad": "软连字符", "\u2060": "字连接符"}


def invisible_name(ch: str) -> str:
    if ch in INVISIBLE_NAMES:
        return INVISIBLE_NAMES[ch]
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" or ch == "\u061c":
        return "双向文字控制符"
    return "控制字符"


def size(n: int) -> str:
    """A file size as an editor reads it: 256 KB, 1 MB, 17.2 MB."""
    return f"{n / MB:.1f} MB".replace(".0 MB", " MB") if n >= MB else f"{n / KB:.0f} KB"
