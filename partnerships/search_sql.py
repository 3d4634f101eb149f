"""PostgreSQL full-text search of practices: the SQL the migration installs (kept here so
the migration and the docs read one text). The selector queries the vector it maintains."""

# unaccent() is STABLE (its dictionary could change), so an index or trigger calls it
# through an IMMUTABLE wrapper with the dictionary named: the usual PostgreSQL recipe.
UNACCENT_FUNCTION = """
CREATE OR REPLACE FUNCTION partnerships_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""

# The original texts in their language's configuration, the translations in theirs;
# titles weigh more than summaries (ts_rank). A trigger rather than a generated column:
# the configuration depends on the row (original_language), and bulk inserts (the seed)
# get their vector too.
SEARCH_TRIGGER = """
CREATE OR REPLACE FUNCTION partnerships_practice_search() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    original regconfig := CASE NEW.original_language
        WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
        ELSE 'pg_catalog.english'::regconfig END;
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(original, partnerships_unaccent(coalesce(NEW.title, ''))), 'A')
        || setweight(to_tsvector('pg_catalog.french',
                     partnerships_unaccent(coalesce(NEW.title_fr, ''))), 'A')
        || setweight(to_tsvector('pg_catalog.spanish',
                     partnerships_unaccent(coalesce(NEW.title_es, ''))), 'A')
        || setweight(to_tsvector(original, partnerships_unaccent(coalesce(NEW.summary, ''))), 'B')
        || setweight(to_tsvector('pg_catalog.french',
                     partnerships_unaccent(coalesce(NEW.summary_fr, ''))), 'B')
        || setweight(to_tsvector('pg_catalog.spanish',
                     partnerships_unaccent(coalesce(NEW.summary_es, ''))), 'B');
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS partnerships_practice_search ON partnerships_practice;
CREATE TRIGGER partnerships_practice_search
    BEFORE INSERT OR UPDATE OF title, title_fr, title_es, summary, summary_fr, summary_es,
        original_language
    ON partnerships_practice FOR EACH ROW EXECUTE FUNCTION partnerships_practice_search();
CREATE INDEX IF NOT EXISTS practice_search_gin
    ON partnerships_practice USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS practice_search_gin;
DROP TRIGGER IF EXISTS partnerships_practice_search ON partnerships_practice;
DROP FUNCTION IF EXISTS partnerships_practice_search();
DROP FUNCTION IF EXISTS partnerships_unaccent(text);
"""

# The configurations a query is parsed with (each word stemmed as each language would).
CONFIGS = ("english", "french", "spanish")
