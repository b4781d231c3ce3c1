"""The core stays importable and usable without Qt; the import contracts in pyproject.toml hold."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

CORE_WITHOUT_QT = textwrap.dedent("""
    import sys
    sys.modules["PySide6"] = None  # any Qt import now fails
    import workbench.cli.main, workbench.services.project, workbench.services.session
    import workbench.research.evaluation, workbench.services.importing, workbench.domain.detection
    from workbench.domain.detection import detect_quotes
    quotes = detect_quotes("Title\\n\\n“We will win,” Jane Doe said.")
    assert quotes and quotes[0].speaker_name == "Jane Doe", quotes
    print("core ok")
""")


def test_core_runs_with_qt_unavailable():
    done = subprocess.run([sys.executable, "-c", CORE_WITHOUT_QT], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "core ok"


def test_import_contracts_hold():
    linter = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(linter).exists():
        pytest.fail("lint-imports is not installed; install the test extra")
    done = subprocess.run([linter], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    # the app (domain, services, persistence, ui) stays apart from the research tooling
    assert "The app never imports the research tooling KEPT" in done.stdout


def import_cycles(package: str = "workbench") -> list[list[str]]:
    """The import cycles among the package's modules (strongly connected groups of two or more), any import
    counted, also those only for type checking: a panel that imports the window back is a cycle."""
    import grimp

    graph = grimp.build_graph(package, include_external_packages=False)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative (no recursion limit)
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return cycles


def test_the_window_has_no_import_cycle():
    # main_window ↔ review_panel was one: a panel now knows the window only as a PanelHost (ui/host.py).
    assert [c for c in import_cycles() if any(m.startswith("workbench.ui") for m in c)] == []


def test_no_ui_file_is_over_500_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (REPO / "workbench" / "ui").glob("*.py")}
    assert max(sizes.values()) <= 500, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
