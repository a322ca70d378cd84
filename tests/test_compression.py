"""Responses are compressed (brotli, else gzip); static bundles are compressed once per process."""

from __future__ import annotations

import gzip
import re

import brotli

from dashboard.compression import NOT_KEPT, StaticFilesCache
from dashboard.vendor import PLOTLY_META
from tests.page_support import page_body


def script_urls(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return re.findall(r'src="([^"]+\.js[^"]*)"', page)


def test_static_bundles_are_served_compressed_and_cacheable(client):
    url = next(u for u in script_urls(client) if "dcc/dash_core_components." in u)
    plain = client.get(url).data
    response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data) == plain
    assert len(response.data) < len(plain) / 2
    # Fingerprinted by Dash: a repeat visit takes it from the browser's cache.
    assert "max-age=31536000" in response.headers["Cache-Control"]
    again = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert again.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.data) == plain


def test_callback_responses_are_compressed_per_request(client):
    headers = {"Accept-Encoding": "br"}
    paris = client.post(
        "/_dash-update-component", json=page_body("/partenaires/paris"), headers=headers
    )
    essonne = client.post(
        "/_dash-update-component", json=page_body("/partenaires/essonne"), headers=headers
    )
    assert paris.headers["Content-Encoding"] == "br"
    assert b"Paris" in brotli.decompress(paris.data)
    assert b"Essonne" in brotli.decompress(essonne.data)


def test_assets_named_with_their_modification_time_are_kept_by_the_browser(client):
    # plotly.js is fetched when the first chart needs it, from the address the page gives.
    page = client.get("/").get_data(as_text=True)
    (url,) = re.findall(r'<meta name="democratic-plotly" content="([^"]+)"', page)
    assert url.startswith("/assets/plotly-basic.min.js?m=")
    assert not any("plotly-basic" in u for u in script_urls(client))
    response = client.get(url, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    cache_control = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache_control and "immutable" in cache_control
    assert "no-cache" not in cache_control
    # Without the fingerprint, the URL may serve another version tomorrow: revalidated.
    bare = client.get(url.split("?")[0])
    assert "max-age=31536000" not in bare.headers.get("Cache-Control", "")


def test_made_up_static_urls_cannot_fill_the_memory():
    # Any visitor can vary a static URL's query string: each variant is a new key.
    cache = StaticFilesCache(capacity_bytes=1000)
    for n in range(100):
        cache.set(f"br;/assets/app.js?m={n}", b"x" * 100)
    kept = [n for n in range(100) if cache.get(f"br;/assets/app.js?m={n}") is not None]
    assert kept == list(range(90, 100))  # the most recent that fit in the bound
    cache.set(f"br;{NOT_KEPT}", b"callback response")
    assert cache.get(f"br;{NOT_KEPT}") is None


def test_an_asset_served_from_a_file_is_compressed_once_then_read_back(settings, monkeypatch):
    # Flask serves /assets/ files as a stream of chunks: flask-compress compressed each chunk on
    # every request and kept nothing (0.15 s of brotli for the plotly bundle, per visitor).
    from dashboard.app import create_app

    found: list[bool] = []
    original = StaticFilesCache.get

    def get(self, key):
        kept = original(self, key)
        if "plotly-basic.min.js" in key:
            found.append(kept is not None)
        return kept

    monkeypatch.setattr(StaticFilesCache, "get", get)
    client = create_app(settings).server.test_client()
    # Not a page script: the page names it in a <meta> tag, fetched when a chart needs it.
    page = client.get("/partenaires/paris").get_data(as_text=True)
    url = re.search(rf'<meta name="{PLOTLY_META}" content="([^"]+)"', page).group(1)
    assert "/assets/plotly-basic.min.js?m=" in url
    plain = client.get(url).data
    answers = [client.get(url, headers={"Accept-Encoding": "br"}) for _ in range(2)]
    assert found == [False, True]  # compressed the first time, then read back
    for answer in answers:
        assert answer.headers["Content-Encoding"] == "br"
        assert brotli.decompress(answer.data) == plain
        assert int(answer.headers["Content-Length"]) == len(answer.data) < len(plain) / 2
