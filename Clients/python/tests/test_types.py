"""The package's type hints hold up: mypy in strict mode (the [tool.mypy] settings of
pyproject.toml) passes on the package."""

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_mypy_strict_passes():
    p = subprocess.run([sys.executable, "-m", "mypy", "billingd_client"], cwd=PACKAGE,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Success" in p.stdout
