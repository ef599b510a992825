"""What analysts and archivists run on an archive: stats, export, quotes, validate, report.

Each module streams the archive through ``osce_crawler.archive.Archive`` (constant
memory, except for counters) and is wired into ``osce-archive`` in osce_crawler/cli.py.
"""
