"""packaging/dev.sh waits for another apt holding the lock instead of failing at once."""

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_dev_script_asks_apt_to_wait_for_its_lock(tmp_path):
    # Run the script's install step against a fake apt-get and dpkg that report one package missing.
    calls = tmp_path / "calls"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in (("dpkg", "exit 1"), ("apt-get", f'echo "$@" >> {calls}'), ("sudo", '"$@"'),
                       ("id", "echo 0")):
        tool = bin_dir / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    script = (ROOT / "packaging" / "dev.sh").read_text()
    install_step = script[script.index("missing=()"):script.index("[ -x .venv/bin/python ]")]
    packages = 'packages=(libegl1)\n'
    subprocess.run(["bash", "-c", "set -euo pipefail\n" + packages + install_step], check=True,
                   env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    lines = calls.read_text().splitlines()
    assert len(lines) == 2 and all("-o DPkg::Lock::Timeout=300" in line for line in lines)
