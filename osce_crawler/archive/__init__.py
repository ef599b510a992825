"""The archive on disk: item JSON Lines, WARC files, the index, run manifests, files.

See archive/README.md in the repository for the layout and the guarantees.
"""
