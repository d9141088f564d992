"""The API server's app as `airflow api-server --proxy-headers` serves it (Airflow's FastAPI app with
the FAB auth manager mounted at /auth, behind uvicorn's proxy-headers middleware trusting
FORWARDED_ALLOW_IPS), asked for the single sign-on start page of a provider.

Reads {"host", "provider", "issuer", "requests": [{"client_ip", "headers"}]} on stdin; the
provider's discovery document is a stand-in (no network). Prints, per request, the status and
the Location the browser is sent to."""

from __future__ import annotations

import json
import os
import sys
from typing import Any
from unittest import mock

from airflow.api_fastapi.app import create_app
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def discovery(issuer: str) -> dict[str, Any]:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/v1/authorize",
        "token_endpoint": f"{issuer}/v1/token",
        "jwks_uri": f"{issuer}/v1/keys",
    }


def main() -> None:
    request = json.load(sys.stdin)
    metadata = discovery(request["issuer"])
    with mock.patch.object(FlaskOAuth2App, "load_server_metadata", lambda self: metadata):
        # uvicorn and Starlette each type ASGI 3 apps their own way: Any between the two.
        api: Any = create_app("core")
        app: Any = ProxyHeadersMiddleware(api, trusted_hosts=os.environ["FORWARDED_ALLOW_IPS"])
        answers = []
        for attempt in request["requests"]:
            client = TestClient(
                app, base_url=f"http://{request['host']}", client=(attempt["client_ip"], 40000)
            )
            response = client.get(
                f"/auth/login/{request['provider']}",
                headers=attempt["headers"],
                follow_redirects=False,
            )
            answers.append(
                {"status": response.status_code, "location": response.headers.get("location")}
            )
    print(json.dumps(answers))


main()
