"""Write an IMRF report's export to a file: how docs/imrf-report-demo.pdf is made.

    manage.py load_demo
    manage.py export_imrf_report --year-from 2017 --year-to 2020 \\
        --lang en --output docs/imrf-report-demo.pdf

The format follows the file's suffix (.pdf, .docx, .html); the report's sections as
they stand (staff edits included), as the API's export gives them.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outcomes import exports
from outcomes.models import IMRFReport, ReportSection

WRITERS = {".pdf": exports.report_pdf, ".docx": exports.report_docx}


class Command(BaseCommand):
    help = "Export an IMRF report (PDF, DOCX or HTML) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--year-from", type=int, required=True)
        parser.add_argument("--year-to", type=int, required=True)
        parser.add_argument("--lang", choices=["en", "fr", "es"], default="en")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):
        report = (
            IMRFReport.objects.filter(year_from=options["year_from"], year_to=options["year_to"])
            .order_by("-id")
            .first()
        )
        if report is None:
            raise CommandError("No IMRF report for this period (run load_demo first).")
        sections = list(
            ReportSection.objects.filter(report=report)
            .select_related("objective")
            .order_by("position", "id")
        )
        output = Path(options["output"])
        writer = WRITERS.get(output.suffix.lower())
        if writer is not None:
            output.write_bytes(writer(report, sections, options["lang"]))
        elif output.suffix.lower() == ".html":
            output.write_text(exports.report_html(report, sections, options["lang"]))
        else:
            raise CommandError("Write a .pdf, .docx or .html file.")
        self.stdout.write(f"Wrote {output} ({output.stat().st_size} bytes).")
