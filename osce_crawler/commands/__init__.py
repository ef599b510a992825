"""Scrapy commands of the project (``COMMANDS_MODULE``): ``scrapy crawl`` with the
messages and exit codes of ``osce-archive crawl``."""
