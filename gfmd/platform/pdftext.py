"""Text of uploaded PDFs, read off the request path within fixed budgets.

A PDF is a program of sorts (compressed streams, object graphs): a hostile one can make a
parser spin or allocate without end, and a parser cannot be interrupted from inside. So
pypdf runs in a child process (`python -m gfmd.platform.pdftext`) with limits the kernel
enforces: CPU seconds, address space and wall time; it reads at most MAX_PAGES pages and
stops at the same character budget as DOCX/ODT text (documents.MAX_TEXT_CHARS). A file
over a budget yields the text read so far, or nothing; never an error for the uploader,
who already has a stored version. Called by Celery tasks after the upload committed.
"""

import io
import resource
import subprocess
import sys

from gfmd.platform.documents import MAX_TEXT_CHARS

MAX_PAGES = 1_000
CPU_SECONDS = 20
WALL_SECONDS = 30
MEMORY_BYTES = 768 * 1024 * 1024


def _limits():  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def extract_pdf_text(content: bytes) -> str:
    """The PDF's text ("" when it has none, is unreadable or broke a budget)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gfmd.platform.pdftext"],
            input=content,
            capture_output=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limits,  # noqa: PLW1509 (no threads are started before exec)
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ""
    return done.stdout.decode("utf-8", "replace")[:MAX_TEXT_CHARS]


def _main() -> None:
    from pypdf import PdfReader

    budget = MAX_TEXT_CHARS
    try:
        reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES or budget <= 0:
                break
            text = (page.extract_text() or "")[:budget]
            sys.stdout.write(text + "\n")
            sys.stdout.flush()  # what was read survives a later page's kill
            budget -= len(text) + 1
    except Exception:  # noqa: BLE001 (an unreadable PDF has no text; the stored file stays)
        return


if __name__ == "__main__":
    _main()
