-- Full-text search over the folded (diacritic-free) title and content of each version, with the
-- built-in 'simple' configuration: no extension, so no superuser is needed.
CREATE INDEX document_versions_search ON document_versions USING GIN (to_tsvector('simple', search_text));
