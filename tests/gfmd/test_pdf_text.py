"""PDF text for search, read in a bounded child process (gfmd/platform/pdftext.py)."""

import time

from gfmd.platform.pdftext import extract_pdf_text


def pdf_with_text(*lines: str) -> bytes:
    """A minimal, valid one-page PDF showing `lines` in Helvetica."""
    body = "".join(
        f"BT /F1 12 Tf 72 {720 - 16 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(body)} >>\nstream\n{body}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_text_of_a_pdf_is_read():
    text = extract_pdf_text(pdf_with_text("Remittance corridors", "Labour mobility"))
    assert "Remittance corridors" in text and "Labour mobility" in text


def test_a_broken_pdf_yields_no_text_and_no_error():
    started = time.monotonic()
    assert extract_pdf_text(b"%PDF-1.7\n" + b"\x00garbage" * 1000).strip() == ""
    assert time.monotonic() - started < 30  # the wall budget, never a hang
