"""osce-archive: crawler and archive of osce.org."""

__version__ = "0.1.0"
