"""The embed form of every page, for clinics' iframes."""
