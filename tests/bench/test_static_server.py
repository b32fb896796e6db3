"""The test server behaves as the hosts it stands for: their caching headers,
several deployments on one origin, and a redeploy in place."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.utils import formatdate
from pathlib import Path

import pytest

from bench.static_server import StaticServer


def _site(root: Path, text: str) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(text, encoding="utf-8")
    (root / "_headers").write_text("/*\n  X-Site: " + text + "\n", encoding="utf-8")
    return root


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.mark.parametrize(
    ("caching", "expected"),
    [("no-cache", "no-cache"), ("max-age=600", "max-age=600"), ("last-modified", None)],
)
def test_each_policy_sends_its_hosts_headers(tmp_path: Path, caching, expected) -> None:
    with StaticServer(_site(tmp_path / "a", "one"), caching=caching) as server:
        status, headers, body = _get(server.url + "/")
    assert (status, body) == (200, b"one")
    assert headers.get("Cache-Control") == expected
    assert headers.get("Last-Modified")


def test_last_modified_answers_a_revalidation_with_304(tmp_path: Path) -> None:
    with StaticServer(_site(tmp_path / "a", "one"), caching="last-modified") as server:
        status, _, _ = _get(server.url + "/", **{"If-Modified-Since": formatdate(usegmt=True)})
    assert status == 304


def test_two_deployments_share_an_origin_and_keep_their_files(tmp_path: Path) -> None:
    mounts = {"/a/": _site(tmp_path / "a", "one"), "/b/": _site(tmp_path / "b", "two")}
    with StaticServer(mounts=mounts) as server:
        a, b = _get(server.url + "/a/"), _get(server.url + "/b/")
        outside = _get(server.url + "/c/")
        hidden = _get(server.url + "/b/_headers")
    assert (a[2], a[1]["X-Site"]) == (b"one", "one")
    assert (b[2], b[1]["X-Site"]) == (b"two", "two")
    assert outside[0] == hidden[0] == 404


def test_deploy_swaps_one_deployment_in_place(tmp_path: Path) -> None:
    mounts = {"/a/": _site(tmp_path / "a", "one"), "/b/": _site(tmp_path / "b", "two")}
    with StaticServer(mounts=mounts) as server:
        server.deploy(_site(tmp_path / "a2", "three"), base="/a/")
        a, b = _get(server.url + "/a/"), _get(server.url + "/b/")
    assert (a[2], a[1]["X-Site"]) == (b"three", "three")
    assert b[2] == b"two"
