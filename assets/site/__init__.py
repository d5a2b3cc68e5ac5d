"""The site: every page and image path (`paths`), one module per kind of page, and `build` yielding the whole atlas."""
