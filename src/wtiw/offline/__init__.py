"""The offline copy: the site opened from disk (file://) with no network, for waiting rooms.

`site.py` finishes an offline build (`mkdocs-offline.yml`): links that name a folder point at
its `.html` file, links to what exists only online point at the public site, search gets its
index as a script, and every page gets the offline Content-Security-Policy. `package.py`
zips the folder with a README for clinics (`python -m wtiw.offline`, run by `make offline`).
"""
