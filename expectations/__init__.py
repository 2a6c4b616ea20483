"""Great Expectations suites, one JSON file per table they guard, named after it (wagewatch.quality.gate)."""
