"""Moved to :mod:`curation.benchmarks` (the core shares it); this name still imports."""

from curation.benchmarks import *  # noqa: F403
from curation.benchmarks import __all__  # noqa: F401
