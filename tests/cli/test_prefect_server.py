"""Prefect's temporary server as the command line starts it, before Prefect is imported: Prefect's
settings point at it, it answers, and it is gone when the process ends; a server the user names in
Prefect's own configuration is used instead, and the one started is stopped at once. Each case runs
in a process of its own, as the command does (this one has imported Prefect already)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SECONDS = 300

STARTED = textwrap.dedent(
    """
    from wagewatch import prefect_server

    server = prefect_server.start()
    configured = prefect_server.configure(server)
    from prefect.settings import PREFECT_API_URL

    print("configured=", configured)
    print("prefect uses=", PREFECT_API_URL.value())
    print("started=", server.api_url)
    if configured is None:
        print("answered after=", round(server.wait(TIMEOUT), 1))
        process = server.process
        server.stop()
        print("stopped=", process.returncode is not None)
    else:
        print("stopped=", server.process is None)
    """.replace("TIMEOUT", str(SECONDS))
)


def started(cwd: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}
    done = subprocess.run(
        [sys.executable, "-c", STARTED], cwd=cwd, env=env, capture_output=True, text=True, timeout=SECONDS
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(line.split("= ", 1) for line in done.stdout.splitlines() if "= " in line)


def test_the_temporary_server_is_what_prefect_uses_and_it_answers(tmp_path):
    said = started(tmp_path)
    assert said["configured"] == "None"
    assert said["prefect uses"] == said["started"]
    assert said["started"].startswith("http://127.0.0.1:") and said["started"].endswith("/api")
    assert float(said["answered after"]) > 0
    assert said["stopped"] == "True"


def test_a_server_named_in_prefects_configuration_is_used_instead(tmp_path):
    (tmp_path / "prefect.toml").write_text('[api]\nurl = "http://127.0.0.1:4299/api"\n', encoding="utf-8")
    said = started(tmp_path)
    assert said["configured"] == said["prefect uses"] == "http://127.0.0.1:4299/api"
    assert said["stopped"] == "True"
