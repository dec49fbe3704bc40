"""`pip install ./Clients/python` into a clean venv, offline, then the installed package
(not the tree) talks to a real daemon, sync and async.

The build backend (setuptools >= 70.1) comes from a local wheel directory that
scripts/setup fills: env BILLINGD_WHEELHOUSE, else ~/.cache/billingd/wheels.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from support import REPO, short_tempdir

WHEELHOUSE = os.environ.get("BILLINGD_WHEELHOUSE") or os.path.expanduser(
    "~/.cache/billingd/wheels")

SMOKE = textwrap.dedent("""
    import asyncio, os, sys, uuid
    import billingd_client as bc
    assert os.path.realpath(bc.__file__).startswith(os.path.realpath(sys.prefix)), bc.__file__
    assert os.path.exists(os.path.join(os.path.dirname(bc.__file__), "py.typed"))
    user = "inst-" + uuid.uuid4().hex[:8]
    with bc.BillingClient() as c:
        c.create_subscription(user, "free")
        assert c.consume(user, 3, idempotency_key="i-" + user)["current_credits"] == 7

    async def main():
        async with bc.AsyncBillingClient() as c:
            got = await asyncio.gather(*(c.get_balance(user) for _ in range(10)))
            assert got == [7] * 10
            try:
                await c.consume(user, 100)
            except bc.InsufficientCredits as e:
                assert e.available == 7
            else:
                raise AssertionError("no InsufficientCredits")
    asyncio.run(main())
    print("installed client ok", bc.__version__)
""")


def run(args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)
    assert p.returncode == 0, "%s failed:\n%s\n%s" % (args, p.stdout[-3000:], p.stderr[-3000:])
    return p


def test_pip_install_in_a_clean_venv_then_call_the_daemon(daemon):
    assert any(Path(WHEELHOUSE).glob("setuptools-*.whl")), \
        "no setuptools wheel in %s: run scripts/setup" % WHEELHOUSE
    tmp = short_tempdir("bdvenv")
    try:
        venv = os.path.join(tmp, "venv")
        run([sys.executable, "-m", "venv", venv])
        py = os.path.join(venv, "bin", "python")
        run([py, "-m", "pip", "install", "-q", "--no-index", "--find-links", WHEELHOUSE,
             str(REPO / "Clients" / "python")], cwd=tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["BILLINGD_SOCKET"] = daemon.socket
        p = run([py, "-c", SMOKE], cwd=tmp, env=env)
        assert "installed client ok 1.0.0" in p.stdout
        example = REPO / "Clients" / "examples" / "python_example.py"
        p = run([py, str(example)], cwd=tmp, env=env)
        assert "the retry changed nothing" in p.stdout
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
