"""Pull pages and feeds from the web, politely and safely, for the ingest.

`guard` (which addresses may be contacted), `connection` (sockets that obey the guard),
`client` (one GET: redirects, retries, limits), `politeness` (per-host slots and delays),
`robots` (robots.txt), `feeds` (feed bytes -> items), `state` (what was fetched, for
conditional requests), `store` (raw pages and sidecars in content/raw/).
"""
