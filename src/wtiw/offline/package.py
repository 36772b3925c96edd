"""Zip an offline build for clinics: one top folder, the site, and a README in plain words.

    python -m wtiw.offline dist/offline-site dist/when-therapy-isnt-working-offline.zip

`make offline` builds the site with `mkdocs-offline.yml` and then runs this. The zip holds
one folder, so unzipping it never scatters files beside the clinic's own.
"""

from __future__ import annotations

import re
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from wtiw.offline.site import EDITION_LINK
from wtiw.pages.front_matter import long_date

FOLDER = "when-therapy-isnt-working-offline"
README = "README.txt"
README_TEXT = """\
When therapy isn't working - offline copy
=========================================

This folder is a copy of the website "When therapy isn't working":
{site_url}
It works with no internet connection, for example on a computer or
tablet in a waiting room.

How to open it
--------------
1. Unzip (extract) the whole folder first. On Windows: right-click the
   zip file and choose "Extract All". On a Mac: double-click the zip file.
2. Open the folder and double-click the file index.html.
   It opens in the web browser, like a website.

Keep all the files in the folder together. Do not move index.html out
of the folder on its own.

What works
----------
Every page, the guide "What should I try next?", search, and printing.
The copy sends nothing over the internet. Links to other websites (for
example a helpline's own site) need the internet.

On a shared computer, close the browser after each person, so the next
person does not see which pages were open.

Keep it up to date
------------------
This copy was made on {made}. The website is checked and updated
regularly, and each page says when it was last checked. Replace this
copy with a new one every few months.

If someone is not safe right now, open "Need help now?" at the top of
any page, or call the local emergency number.


Cuando la terapia no funciona - copia sin internet
==================================================

La misma guía en español está en la carpeta "es". Para abrirla, descomprime
la carpeta entera y haz doble clic en el archivo es/index.html. También
puedes pulsar "Español" arriba en cualquier página.

Funciona sin internet y no envía nada. Los enlaces a otros sitios (por
ejemplo, la página de una línea de ayuda) necesitan internet. En una
computadora compartida, cierra el navegador después de cada persona.

Esta copia se hizo el {made_es}. Cámbiala por una nueva cada pocos meses.

Si alguien no está a salvo ahora, abre "¿Necesitas ayuda ahora?" arriba en
cualquier página, o llama al número de emergencias de tu país.
"""


def readme(site_url: str, made: datetime) -> str:
    """The README.txt for clinics, naming the public site and the day the copy was made."""
    return README_TEXT.format(
        site_url=site_url,
        made=long_date(made.date()),
        made_es=long_date(made.date(), "es"),
    )


def make_zip(site_dir: Path, destination: Path, site_url: str, made: datetime) -> int:
    """Write `destination`: FOLDER/ with README.txt and every file of `site_dir`; its size."""
    if not (site_dir / "index.html").is_file():
        raise ValueError(f"{site_dir} holds no index.html: build the offline site first")
    missing = missing_editions(site_dir)
    if missing:
        raise ValueError(
            "the language switch links pages the copy does not hold (build each edition's "
            "offline config into the copy, as `make offline` does):\n" + "\n".join(missing[:10])
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zip_:
        zip_.writestr(f"{FOLDER}/{README}", readme(site_url, made).replace("\n", "\r\n"))
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                zip_.write(path, f"{FOLDER}/{path.relative_to(site_dir).as_posix()}")
    partial.replace(destination)
    return destination.stat().st_size


_EDITION_HREF = re.compile(rf'<a [^>]*{EDITION_LINK}[^>]* href="([^"#]*)')


def missing_editions(site_dir: Path) -> list[str]:
    """Each language-switch link of the copy whose page is not in it, as `page: href`.

    The offline builds leave those links alone, because the other edition is built after
    (`offline/site.py`); the zip is where both are known to be there.
    """
    missing = []
    for page in sorted(site_dir.rglob("*.html")):
        for href in _EDITION_HREF.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / href).resolve().is_file():
                missing.append(f"{page.relative_to(site_dir).as_posix()}: {href}")
    return missing


def site_url_of(site_dir: Path) -> str:
    """The public address the copy was built for, from its home page's canonical link."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    marker = '<link rel="canonical" href="'
    start = html.find(marker)
    if start < 0:
        raise ValueError(f"{site_dir}/index.html has no canonical link")
    start += len(marker)
    return html[start : html.index('"', start)]


def main(argv: list[str]) -> int:
    """`python -m wtiw.offline SITE_DIR ZIP`: zip a built offline site."""
    if len(argv) != 2:
        print("usage: python -m wtiw.offline SITE_DIR ZIP", file=sys.stderr)
        return 2
    site_dir, destination = Path(argv[0]), Path(argv[1])
    try:
        size = make_zip(site_dir, destination, site_url_of(site_dir), datetime.now(UTC))
    except (OSError, ValueError) as error:
        print(f"offline: {error}", file=sys.stderr)
        return 1
    print(f"offline: wrote {destination} ({size / 1024 / 1024:.1f} MB); open index.html inside")
    return 0
