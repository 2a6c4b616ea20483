"""Great Expectations suites, one JSON file per table they guard, named after it (see wagewatch.quality.gate)."""
