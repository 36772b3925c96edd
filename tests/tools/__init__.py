"""Maintenance scripts run by workflows or by hand; never collected by pytest."""
