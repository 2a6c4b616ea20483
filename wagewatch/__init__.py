"""wagewatch: real-name wage monitoring for construction sites."""

__version__ = "0.1.0"
