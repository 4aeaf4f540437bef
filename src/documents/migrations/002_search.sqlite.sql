-- Full-text search over the folded (diacritic-free) title and content of each version; rowid is
-- the version id. Kept in step by the store.
CREATE VIRTUAL TABLE document_search USING fts5(search_text, tokenize = 'unicode61');
