"""Tests: unit (guide engine), build (real strict MkDocs builds) and browser (Chromium)."""
