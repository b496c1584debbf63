"""Raw scraped text -> a normalized draft article. Pure text functions; no file I/O here."""
