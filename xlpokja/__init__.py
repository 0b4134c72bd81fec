"""xlpokja: spreadsheet add-in and headless workbook engine for Pokja AMPL."""

__version__ = "0.1.0"
