"""Press releases in, a validated and grounded JSONL dataset out."""

__version__ = "0.1.0"
