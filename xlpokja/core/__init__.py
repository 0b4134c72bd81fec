"""The pure calculation core of xlpokja: no Excel library is imported here."""
