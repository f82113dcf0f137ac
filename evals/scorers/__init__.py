"""Reusable scorers: each computes a figure from its cases, so a changed case moves the figure."""
