"""The small-count threshold is a setting of each app: its pages write hidden counts with the
threshold that app applies, and two apps in one process never see each other's."""

from __future__ import annotations

import json

import pytest

from dashboard.settings import Settings
from layouts import ids
from tests.page_support import page_body
from tests.test_explorer_app import FILTER_FIELDS, controls, post_update


@pytest.fixture
def strict_app(settings, tmp_path):
    """An app configured as an operator would: DEMOCRATIC_SMALL_COUNT_THRESHOLD=10."""
    from dashboard.app import create_app

    strict = Settings.from_env(
        {
            "DATABASE_URL": settings.database_url,
            "DEMOCRATIC_INSTANCE_PATH": str(tmp_path / "strict"),
            "DEMOCRATIC_SMALL_COUNT_THRESHOLD": "10",
        }
    )
    assert strict.small_count_threshold == 10
    return create_app(strict)


def partner_page(client) -> str:
    response = client.post(
        "/_dash-update-component", json=page_body("/partenaires/seine-saint-denis")
    )
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def explorer_table(client) -> str:
    """The explorer's table callback, one line per commune of Seine-Saint-Denis."""
    filters = [["seine-saint-denis"]] + [[] for _ in FILTER_FIELDS[1:]]
    response = post_update(
        client,
        controls(
            **{
                f"{ids.EXPLORER_FILTER}.value": filters,
                f"{ids.EXPLORER_DETAIL}.value": "territoire",
            }
        ),
        f"{ids.EXPLORER_DETAIL}.value",
    )
    assert response.status_code == 200
    return json.dumps(response.get_json()["response"][ids.EXPLORER_TABLE], ensure_ascii=False)


def test_a_non_default_threshold_is_the_one_written_and_apps_keep_their_own(app, strict_app):
    strict, usual = strict_app.server.test_client(), app.server.test_client()
    # Requests to the two apps interleaved in one process: each page says its own threshold.
    strict_page = partner_page(strict)
    usual_page = partner_page(usual)
    strict_again = partner_page(strict)
    assert "< 10" in strict_page and "< 5" not in strict_page
    assert "< 5" in usual_page and "< 10" not in usual_page
    assert strict_again == strict_page

    strict_table = explorer_table(strict)
    usual_table = explorer_table(usual)
    assert "< 10" in strict_table and "< 5" not in strict_table
    assert "< 5" in usual_table and "< 10" not in usual_table
    assert explorer_table(strict) == strict_table
