"""Anatomy of a Report: the tested library behind the notebooks.

One module per analysis; every function takes a text (or a parsed Doc) and returns a pandas
DataFrame with documented columns. Start with :func:`utils.report.load_report`.
"""

from utils.report import Report, ReportError, load_report, parse_dct, report_from_text

__all__ = ["Report", "ReportError", "load_report", "parse_dct", "report_from_text"]
__version__ = "0.1.0"
