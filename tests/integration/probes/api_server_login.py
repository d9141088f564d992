"""The API server's app as `airflow api-server --proxy-headers` serves it (Airflow's FastAPI app with
the FAB auth manager mounted at /auth, behind uvicorn's proxy-headers middleware trusting
FORWARDED_ALLOW_IPS), asked for the single sign-on start page of a provider; then one whole
sign-in: the browser comes back from the provider with a code, Airflow exchanges it at the
provider's token endpoint for an ID token and signs the user in.

Reads {"host", "provider", "issuer", "client_id", "requests": [{"client_ip", "headers"}],
"claims"} on stdin. The provider is a stand-in on loopback (discovery document, token endpoint,
signing key; no network). Prints the status and Location of each request, and of the round trip
also what the token endpoint was sent and the user Airflow then has."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from airflow.api_fastapi.app import create_app, get_auth_manager
from airflow.providers.fab.auth_manager.fab_auth_manager import FabAuthManager
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from authlib.jose import JsonWebKey, jwt
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

KEY = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "k1"})


class StandInProvider(BaseHTTPRequestHandler):
    """The token endpoint: any code buys an ID token with the queued claims."""

    claims: ClassVar[dict[str, Any]] = {}
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append({"authorization": self.headers.get("Authorization"), "body": body})
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, self.claims, KEY).decode()
        payload = {"access_token": "at", "token_type": "Bearer", "expires_in": 300}
        answer = json.dumps({**payload, "id_token": id_token}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


def discovery(issuer: str, token_endpoint: str) -> dict[str, Any]:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/v1/authorize",
        "token_endpoint": token_endpoint,
        "jwks": {"keys": [KEY.as_dict(is_private=False)]},
        "_loaded_at": time.time(),
    }


def answer(response: Any) -> dict[str, Any]:
    return {"status": response.status_code, "location": response.headers.get("location")}


def round_trip(app: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Start page, provider (stand-in), callback: as a browser on https would go through them."""
    client = TestClient(app, base_url=f"https://{request['host']}", client=(request["ip"], 40000))
    start = client.get(f"/auth/login/{request['provider']}", follow_redirects=False)
    sent = parse_qs(urlsplit(start.headers["location"]).query)
    now = int(time.time())
    StandInProvider.claims = {
        **request["claims"],
        "iss": request["issuer"],
        "aud": request["client_id"],
        "nonce": sent["nonce"][0],
        "iat": now,
        "exp": now + 300,
    }
    callback = client.get(
        f"/auth/oauth-authorized/{request['provider']}",
        params={"code": "c0de", "state": sent["state"][0]},
        follow_redirects=False,
    )
    manager = get_auth_manager()
    assert isinstance(manager, FabAuthManager) and manager.flask_app is not None, type(manager)
    security = manager.security_manager
    with manager.flask_app.app_context():
        user = security.find_user(username=f"{request['provider']}_{request['claims']['sub']}")
        found = user and {"active": user.is_active, "roles": sorted(r.name for r in user.roles)}
    return {**answer(callback), "token_requests": StandInProvider.received, "user": found}


def main() -> None:
    request = json.load(sys.stdin)
    server = HTTPServer(("127.0.0.1", 0), StandInProvider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    token_endpoint = f"http://localhost:{server.server_address[1]}/v1/token"
    metadata = discovery(request["issuer"], token_endpoint)

    def load_server_metadata(app: FlaskOAuth2App) -> dict[str, Any]:
        app.server_metadata.update(metadata)
        return app.server_metadata

    with mock.patch.object(FlaskOAuth2App, "load_server_metadata", load_server_metadata):
        # uvicorn and Starlette each type ASGI 3 apps their own way: Any between the two.
        api: Any = create_app("core")
        app: Any = ProxyHeadersMiddleware(api, trusted_hosts=os.environ["FORWARDED_ALLOW_IPS"])
        answers = []
        for attempt in request["requests"]:
            client = TestClient(
                app, base_url=f"http://{request['host']}", client=(attempt["client_ip"], 40000)
            )
            path = f"/auth/login/{request['provider']}"
            answers.append(
                answer(client.get(path, headers=attempt["headers"], follow_redirects=False))
            )
        trip = round_trip(app, {**request, "ip": request["requests"][0]["client_ip"]})
    server.shutdown()
    print(json.dumps({"start": answers, "round_trip": trip}))


main()
