"""Every analysts' notebook runs top to bottom on the bundled sample's warehouse and answers its questions.

A notebook that nobody runs rots as the marts change; executing them here is what keeps them true.
Cells that answer a question carry the tag `question` and must show a non-empty result.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL_NAME = "python3"
TIMEOUT_SECONDS = 120
QUESTION_TAG = "question"
RESULT_TYPES = {"execute_result", "display_data"}


def _question_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if QUESTION_TAG in cell.get("metadata", {}).get("tags", [])]


@pytest.fixture(scope="module")
def kernel_environment(tmp_path_factory: pytest.TempPathFactory, sample_run) -> Iterator[Path]:
    """Run notebooks on this very Python, whatever kernels the machine has registered elsewhere.

    A kernelspec made in a temporary prefix names sys.executable; JUPYTER_PATH puts it ahead of any
    user-level `python3` kernel. The sample's warehouse is handed to the kernel through the environment,
    as an analyst would point the notebook at another warehouse.
    """
    prefix = tmp_path_factory.mktemp("jupyter")
    install_kernelspec(prefix=str(prefix), kernel_name=KERNEL_NAME)
    warehouse = sample_run.settings.warehouse
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        patch.setenv("WAGEWATCH_WAREHOUSE", str(warehouse))
        yield warehouse


def test_there_are_notebooks_to_run() -> None:
    assert NOTEBOOKS, "notebooks/ holds the analysts' notebooks"


def test_notebook_kernel_is_this_python(kernel_environment: Path) -> None:
    assert KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv[0] == sys.executable


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {cell.get('id')} has outputs"
            assert cell.execution_count is None, f"{path.name} cell {cell.get('id')} was executed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_and_answers_every_question(path: Path, kernel_environment: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    questions = _question_cells(notebook)
    assert questions, f"{path.name} tags the cells that answer its questions with '{QUESTION_TAG}'"
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert errors == []
    for cell in questions:
        results = [output for output in cell.outputs if output.output_type in RESULT_TYPES]
        assert results, f"{path.name} cell {cell.id} shows no result"
        text = results[-1].get("data", {}).get("text/plain", "")
        assert text and "Empty DataFrame" not in text, f"{path.name} cell {cell.id} found nothing"
