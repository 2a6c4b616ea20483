"""A system program a test needs: found on the PATH, else the test is skipped outside CI and fails
in CI, where .ci/run installs it."""

import os
import shutil

import pytest


def system_tool(name: str, apt_package: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is missing in CI: .ci/run installs it with apt-get install -y {apt_package}")
    pytest.skip(f"{name} is not installed (apt-get install -y {apt_package}); skipped outside CI")
