import logging

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_database_and_cache_respond(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_naming_the_cache_when_it_is_down(client, settings):
    # A Redis server nobody listens on: port 9 on loopback refuses connections.
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "cache": "failing"}


def test_every_response_carries_a_request_id_and_is_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        response = client.get("/healthz")

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [record] = [r for r in caplog.records if r.name == "newsroom.requests"]
    message = record.getMessage()
    assert f"request_id={request_id}" in message
    assert "path=/healthz" in message and "status=200" in message and "duration_ms=" in message


@pytest.mark.parametrize("incoming, kept", [("abc-123.x_Y", True), ("bad id<script>", False), ("x" * 65, False)])
def test_a_request_id_from_the_proxy_is_reused_only_when_well_formed(client, incoming, kept):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)

    assert (response["X-Request-ID"] == incoming) is kept


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
