"""A phone's 49-megapixel photo is taken and shown smaller (decoded at a fraction of its size); a PNG that
large is refused with how to make it smaller, not as a 解压炸弹."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.conftest import GOOD_BRAND


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory):
    """8100×6050, about 49 million pixels, as a phone saves it (JPEG, turned by EXIF)."""
    path = tmp_path_factory.mktemp("photo") / "hall.jpg"
    im = Image.new("RGB", (8100, 6050), (30, 90, 160))
    exif = Image.Exif()
    exif[0x0112] = 6  # shot upright: shown turned a quarter
    im.save(path, "JPEG", quality=70, exif=exif)
    return path


def test_a_49_megapixel_phone_photo_is_checked_and_shown_smaller(site, check, phone_photo, tmp_path):
    import shutil

    from generator.load import images
    from generator.produce.images import WebImages, web_size

    folder = site.brand()
    shutil.copy(phone_photo, folder / "photos" / "hall.jpg")
    code, lines = check()
    assert code == 0, lines
    assert not any("image." in line for line in lines), lines
    info = images.inspect(folder / "photos" / "hall.jpg")
    assert (info.width, info.height) == (8100, 6050)
    fallback, webp, width, height = WebImages(tmp_path / "cache").files(info, 1600)
    assert (width, height) == web_size(info, 1600) == (1195, 1600)  # upright, fitted
    with Image.open(fallback) as shown:
        assert shown.size == (1195, 1600)
    with Image.open(phone_photo) as im:  # decoded at a half (12 million pixels), not whole
        assert images.reduced(im, 1600).size == (4050, 3025)


def test_a_png_of_49_megapixels_is_refused_with_how_to_shrink_it(site, check):
    folder = site.brand(logo=None)
    Image.new("RGB", (8100, 6050), (30, 90, 160)).save(folder / "logo.png")
    code, lines = check()
    assert code == 1
    errors = [line for line in lines if " 错误 " in line]
    assert len(errors) == 1 and errors[0].startswith("brands/wendang/brand.yml:4:7: 错误 image.pixels"), lines
    assert "49 百万像素（8100×6050）" in errors[0] and "缩小" in errors[0] and "解压炸弹" not in errors[0]
