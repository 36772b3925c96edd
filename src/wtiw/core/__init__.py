"""Plumbing every feature shares, written once: problems, YAML with positions, URLs, HTML."""
