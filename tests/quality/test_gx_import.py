"""Great Expectations as a night imports it: without the modules it imports for an expectation that
wagewatch never runs (scipy.stats, altair), which are imported when first used, and then work. In a
process of its own, as a night's (this one may have imported them already)."""

import subprocess
import sys
import textwrap

IMPORTED = textwrap.dedent(
    """
    import sys
    from wagewatch.quality.gate import import_gx

    import_gx()
    print("run:", [name for name in ("scipy.stats._stats_py", "altair.vegalite") if name in sys.modules])
    from great_expectations.expectations.core import expect_column_kl_divergence_to_be_less_than as kl

    print("entropy:", round(kl.stats.entropy([0.5, 0.5], [0.25, 0.75]), 4))
    print("chart:", kl.alt.Chart.__name__)
    """
)


def test_gx_imports_scipy_stats_and_altair_only_when_they_are_used():
    done = subprocess.run([sys.executable, "-c", IMPORTED], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "run: []" in done.stdout
    assert "entropy: 0.1438" in done.stdout
    assert "chart: Chart" in done.stdout
