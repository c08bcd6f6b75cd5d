"""The owner's report: the page, its charts, the day and month closing."""
