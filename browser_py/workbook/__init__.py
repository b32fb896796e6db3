"""The workbook page's features: overview, export and import, calendar, filled PDF."""
