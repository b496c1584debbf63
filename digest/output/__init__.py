"""Plan, render and write the site; the only package that touches site/."""
