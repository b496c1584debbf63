"""The timeline: dated mentions extracted from articles, matched to curated events, by day."""
