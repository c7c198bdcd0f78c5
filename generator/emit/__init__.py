"""Pages and files as bytes: templates, feeds, sitemap, structured data, artwork."""
