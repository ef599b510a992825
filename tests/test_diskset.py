"""The crawl's on-disk sets: they behave as sets, and leave no file behind."""

from __future__ import annotations

from osce_crawler.diskset import DiskScratch


def test_a_set_and_a_mapping_on_disk(tmp_path):
    scratch = DiskScratch(tmp_path)
    try:
        assert list(tmp_path.iterdir()) == []  # open, yet already unlinked
        seen = scratch.set("seen")
        urls = [f"https://www.osce.org/secretariat/{n}" for n in range(30_000)]
        assert all(seen.add(url) for url in urls)
        assert not seen.add(urls[123])  # a second time: not added
        assert urls[29_999] in seen and "https://www.osce.org/x/1" not in seen
        assert len(seen) == 30_000
        lastmods = scratch.mapping("lastmods")
        lastmods["a"] = "2024-01-01"
        lastmods["a"] = "2024-02-02"
        lastmods["b"] = None
        assert lastmods.get("a") == "2024-02-02" and lastmods.get("b") is None
        assert "b" in lastmods and "c" not in lastmods and lastmods.get("c", "-") == "-"
        other = scratch.set("other")  # tables of one scratch file do not mix
        assert urls[0] not in other and len(lastmods) == 2
    finally:
        scratch.close()
    assert list(tmp_path.iterdir()) == []
