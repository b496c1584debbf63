"""Model -> pages in memory. Reads no files except templates."""
