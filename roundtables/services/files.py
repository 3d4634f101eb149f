"""Moved to the platform (`gfmd/platform/uploads.py`) so every document kind checks
uploads the same way; this name stays an alias of that module."""

import sys

from gfmd.platform import uploads

sys.modules[__name__] = uploads
