"""Headless mode: recompute, check and lay out workbooks without Excel."""
