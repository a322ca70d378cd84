"""The pages get only the Bootstrap Icons they use (assets/icons.css and its font subset, made by
scripts/subset_icons.py): every icon the code names must be in it, or it would show as a blank."""

from __future__ import annotations

from dashboard.settings import PROJECT_ROOT
from scripts.subset_icons import CSS, FONT, RULE, used_icons


def test_every_icon_the_code_uses_is_in_the_subset():
    in_css = dict(RULE.findall(CSS.read_text()))
    used = used_icons()
    assert {"info-circle", "printer", "check-circle-fill"} <= used
    missing = sorted(used - in_css.keys())
    assert missing == [], f"relancer `make icons` : {missing}"


def test_the_subset_stylesheet_points_at_its_font_and_no_page_loads_the_whole_set(client):
    assert 'url("bootstrap-icons.woff2")' in CSS.read_text()
    assert FONT.read_bytes()[:4] == b"wOF2"
    assert 0 < FONT.stat().st_size < 10_000  # the whole font is 135 KB on the wire
    page = client.get("/partenaires/paris").get_data(as_text=True)
    assert "/assets/icons.css?m=" in page
    assert "bootstrap-icons.min.css" not in page
    assert client.get("/assets/bootstrap-icons.woff2").status_code == 200
    assert (PROJECT_ROOT / "assets" / "icons.css").exists()
