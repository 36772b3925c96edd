"""Steps over a built site folder: redirect stubs, assets, outbound links, CSP."""
