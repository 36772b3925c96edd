"""Content pages: the review front matter every page must carry."""
