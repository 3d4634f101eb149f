"""Moved to the platform (`gfmd/platform/documents.py`) so every document kind reads
uploads within the same budgets; this name stays an alias of that module."""

import sys

from gfmd.platform import documents

sys.modules[__name__] = documents
