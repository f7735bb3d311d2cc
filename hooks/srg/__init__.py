"""Shared Responsibility Guide: data model, validation and Markdown renderers.

Everything here but `mkdocs_glue` is plain Python, independent of MkDocs.
"""
