"""A row's addresses (app/web/urls.py): built from a text kept per endpoint and script root,
they must be exactly what url_for gives, under any script root the app is served at."""
import dataclasses

import pytest
from flask import url_for

from app.web.urls import ENDPOINTS, UnitUrls, unit_urls


def test_every_field_of_a_row_s_addresses_has_an_endpoint():
    assert [f.name for f in dataclasses.fields(UnitUrls)] == list(ENDPOINTS)


@pytest.mark.parametrize("script_root", ["", "/workbench", "/a b/c"])
def test_the_addresses_are_url_for_s(app, script_root):
    for unit_id in (1, 7, 42, 918273645, 10 ** 12):
        with app.test_request_context("/", base_url=f"http://localhost{script_root}"):
            urls = unit_urls(unit_id)
            for name, endpoint in ENDPOINTS.items():
                assert getattr(urls, name) == url_for(endpoint, unit_id=unit_id)


def test_each_script_root_keeps_its_own_texts(app):
    with app.test_request_context("/", base_url="http://localhost/one"):
        first = unit_urls(5).edit
    with app.test_request_context("/", base_url="http://localhost/two"):
        second = unit_urls(5).edit
    assert (first, second) == ("/one/units/5/edit", "/two/units/5/edit")
