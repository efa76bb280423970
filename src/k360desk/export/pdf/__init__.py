"""Print-ready PDFs (reportlab): district profiles, the profile book, the committee template
and the Sozialatlas listing. Qt-free; the UI previews and prints what these modules write."""


class ReportError(ValueError):
    """A report cannot be written from the project as it is; the message is German."""
