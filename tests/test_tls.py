"""TLS to a cloud endpoint: certificates and host names are verified, against the roots httpx
would use (SSL_CERT_FILE, else SSL_CERT_DIR, else certifi's), and a plain-HTTP endpoint never reads
them. Each case is its own `vodops` process: the process reads its roots once."""

from __future__ import annotations

import os
import re
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import trustme

from tests.conftest import EXAMPLES
from tests.helpers import VODOPS, serving
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from vodops.emulator.server import make_server, serve_in_thread


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(authority: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return shutil.copytree(EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops"))


@contextmanager
def _tls_served(emulator: Emulator, certificate: trustme.LeafCert) -> Iterator[str]:
    """`emulator` served over TLS with `certificate` on 127.0.0.1: its https URL."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    server = make_server(emulator, "127.0.0.1", 0)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with serving(server):
        yield f"https://127.0.0.1:{server.server_port}"


def _plan(project: Path, endpoint: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SSL_CERT_", "TENCENTCLOUD_", "VODOPS_"))
    }
    keys = {"TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID, "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY}
    command = [*VODOPS, "plan", str(project), "--endpoint", endpoint]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**clean, **keys, **env}, check=False
    )
    # OpenSSL's messages end with the line of Python's _ssl.c that raised them: not the point here
    result.stderr = re.sub(r"\(_ssl\.c:\d+\)", "(_ssl.c)", result.stderr)
    return result


@pytest.mark.parametrize(
    ("host", "trusted", "reason"),
    [
        ("127.0.0.1", False, "unable to get local issuer certificate"),
        ("vod.example.com", True, "IP address mismatch, certificate is not valid for '127.0.0.1'."),
    ],
    ids=["unknown-authority", "another-host"],
)
def test_a_certificate_that_does_not_verify_is_refused(
    project: Path, authority: trustme.CA, ca_file: Path, host: str, trusted: bool, reason: str
) -> None:
    emulator = Emulator()
    roots = {"SSL_CERT_FILE": str(ca_file)} if trusted else {}
    with _tls_served(emulator, authority.issue_cert(host)) as url:
        result = _plan(project, url, **roots)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: DescribeAllClass failed: ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify"
        f" failed: {reason} (_ssl.c)\n"
    )
    assert emulator.calls == [], "no request got past the handshake"


def test_the_roots_ssl_cert_file_names_are_trusted(
    project: Path, authority: trustme.CA, ca_file: Path
) -> None:
    emulator = Emulator()
    with _tls_served(emulator, authority.issue_cert("127.0.0.1")) as url:
        result = _plan(project, url, SSL_CERT_FILE=str(ca_file))
    assert result.returncode == 0, result.stderr
    assert "Plan: 12 to create." in result.stdout
    assert emulator.calls, "the plan read the account over TLS"


def test_a_plain_http_endpoint_never_reads_the_roots(project: Path, tmp_path: Path) -> None:
    emulator = Emulator()
    with serve_in_thread(emulator) as url:
        result = _plan(project, url, SSL_CERT_FILE=str(tmp_path / "no-such-roots.pem"))
    assert result.returncode == 0, result.stderr
    assert "Plan: 12 to create." in result.stdout


@pytest.mark.parametrize(
    ("roots", "reason"),
    [
        ("no-such-roots.pem", "No such file or directory"),
        ("garbage.pem", "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c)"),
    ],
)
def test_roots_that_cannot_be_read_are_an_error_naming_them(
    project: Path, authority: trustme.CA, tmp_path: Path, roots: str, reason: str
) -> None:
    (tmp_path / "garbage.pem").write_text("not a certificate\n")
    emulator = Emulator()
    with _tls_served(emulator, authority.issue_cert("127.0.0.1")) as url:
        result = _plan(project, url, SSL_CERT_FILE=str(tmp_path / roots))
    assert result.returncode == 1
    assert result.stderr == (
        "Error: DescribeAllClass failed: ConnectError: cannot read the trusted roots SSL_CERT_FILE names"
        f" ({tmp_path / roots}): {reason}\n"
    )
    assert emulator.calls == []


def test_a_handshake_that_cannot_succeed_is_not_retried(
    project: Path, authority: trustme.CA, tmp_path: Path
) -> None:
    """An untrusted certificate, roots that cannot be read, or https to a plain-HTTP server fail
    the same way every time: each listing call was tried 8 times, about 20 s, before the error."""
    untrusted = authority.issue_cert("127.0.0.1")
    with _tls_served(Emulator(), untrusted) as url:
        refused = _plan(project, url, VODOPS_VERBOSE="1")
        unreadable = _plan(project, url, VODOPS_VERBOSE="1", SSL_CERT_FILE=str(tmp_path / "none.pem"))
    with serve_in_thread(Emulator()) as plain:
        wrong = _plan(project, plain.replace("http://", "https://"), VODOPS_VERBOSE="1")
    for result in (refused, unreadable, wrong):
        assert result.returncode == 1
        assert "retry " not in result.stderr, result.stderr
        assert result.stderr.count("DescribeAllClass target=") == 1, result.stderr
