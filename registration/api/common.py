"""Shared by the letters, badges and check-in API modules."""

from gfmd.platform.api.pagination import NewestFirst
from gfmd.platform.pdf import pdf_download as pdf_response  # noqa: F401  (re-exported)


class DocumentsPagination(NewestFirst):
    page_size = 50
