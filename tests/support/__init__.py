"""Shared test helpers: build the real site, serve it on loopback, drive Debian's Chromium."""
