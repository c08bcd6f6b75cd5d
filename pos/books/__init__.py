"""The books: day and month closings, the report, exports. Imports every area below it; nothing
below imports it."""
