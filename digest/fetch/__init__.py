"""Pull pages and feeds from the web, politely and safely, for the ingest.

`guard` (which URLs and addresses may be contacted), `connection` (sockets that obey the guard),
`politeness` (per-host slots and delays), `robots` (robots.txt), `client` (one GET: redirects,
retries, limits), `feeds` (feed bytes -> items), `selection` (coverage window and filters),
`identity` (when two links are one page), `store` (raw pages and feeds in content/raw/ with
their sidecars, which are also the conditional-GET state), `crawl` (one run over the feeds),
`intake` (fetched pages -> the ingest), `progress` (counts on a terminal).
"""
