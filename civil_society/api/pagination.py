"""Pagination of the CSD lists partners page through (applications, reviews)."""

from gfmd.api.pagination import NewestFirst

__all__ = ["NewestFirst"]
