"""Build code of the "When therapy isn't working" site, one subpackage per feature.

Data flows one way: YAML and Markdown (docs/) -> checked models -> HTML (via the
templates in overrides/) -> post-build steps over the written site/. `mkdocs_plugin.py` is the
only module that knows MkDocs; `macros.py` registers the guide's macros; `cli.py` is
`python -m wtiw`. DESIGN.md has the map.
"""
