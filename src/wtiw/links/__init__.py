"""The link contract (addresses therapists share) and the page for professionals built on it."""
