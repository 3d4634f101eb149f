"""Constraints Django cannot declare: composite foreign keys (PostgreSQL only).

Migrations call these (this app's, and another app's migration for its own tag table,
e.g. `partnerships`' PracticeTag): `migrations.RunPython(*tag_constraints("app_tabletag"))`.
On SQLite (`make run`) they do nothing; model validation still applies there.
"""

from roundtables.enums import OUTCOME_KINDS


def _run(statements):
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return forwards


def _both(forward: list[str], backward: list[str]):
    return _run(forward), _run(backward)


def tag_constraints(table: str):
    """A tag row's (edition_id, scheme) must name an edition whose tagging policy has that
    scheme on: the policy row cannot be removed while such tags exist."""
    name = f"{table}_policy_on"
    return _both(
        [
            f"ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY (edition_id, scheme) "
            "REFERENCES outcomes_editiontagging (edition_id, scheme) "
            "ON UPDATE RESTRICT ON DELETE RESTRICT DEFERRABLE INITIALLY IMMEDIATE"
        ],
        [f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}"],
    )


def followup_constraints():
    """The editions' ordinals copied into recommendations and follow-ups stay true."""
    return _both(
        [
            "CREATE UNIQUE INDEX IF NOT EXISTS outcomes_edition_id_ordinal "
            "ON gfmd_edition (id, ordinal)",
            "ALTER TABLE outcomes_recommendation ADD CONSTRAINT recommendation_edition_ordinal "
            "FOREIGN KEY (edition_id, edition_ordinal) REFERENCES gfmd_edition (id, ordinal) "
            "ON UPDATE CASCADE ON DELETE RESTRICT",
            "ALTER TABLE outcomes_followup ADD CONSTRAINT followup_edition_ordinal "
            "FOREIGN KEY (edition_id, edition_ordinal) REFERENCES gfmd_edition (id, ordinal) "
            "ON UPDATE CASCADE ON DELETE RESTRICT",
            "ALTER TABLE outcomes_followup ADD CONSTRAINT followup_recommendation_ordinal "
            "FOREIGN KEY (recommendation_id, recommendation_ordinal) "
            "REFERENCES outcomes_recommendation (id, edition_ordinal) "
            "ON UPDATE CASCADE ON DELETE CASCADE",
        ],
        [
            "ALTER TABLE outcomes_followup DROP CONSTRAINT IF EXISTS "
            "followup_recommendation_ordinal",
            "ALTER TABLE outcomes_followup DROP CONSTRAINT IF EXISTS followup_edition_ordinal",
            "ALTER TABLE outcomes_recommendation DROP CONSTRAINT IF EXISTS "
            "recommendation_edition_ordinal",
            "DROP INDEX IF EXISTS outcomes_edition_id_ordinal",
        ],
    )


def followup_append_only():
    """Follow-up entries are history: the database refuses UPDATE and DELETE (as for the
    activity log, gfmd/migrations/0002). One UPDATE passes: the cascade that keeps the
    copied edition ordinals true when an edition is renumbered (nothing else changes)."""
    return _both(
        [
            """
CREATE OR REPLACE FUNCTION outcomes_followup_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'edition_ordinal' - 'recommendation_ordinal')
        = (to_jsonb(OLD) - 'edition_ordinal' - 'recommendation_ordinal') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'outcomes_followup is append-only (%% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql""",
            "CREATE TRIGGER outcomes_followup_append_only BEFORE UPDATE OR DELETE "
            "ON outcomes_followup FOR EACH ROW EXECUTE FUNCTION outcomes_followup_append_only()",
        ],
        [
            "DROP TRIGGER IF EXISTS outcomes_followup_append_only ON outcomes_followup",
            "DROP FUNCTION IF EXISTS outcomes_followup_append_only()",
        ],
    )


def recommendation_document_check():
    """A recommendation's outcome document is of an outcome kind and of the recommendation's
    edition (as the model and service check): a trigger on the recommendation when the link
    or the edition is written, and one on the document refusing a change of kind or edition
    that would break a link. ERRCODE check_violation reaches Django as an IntegrityError.
    The kinds are written into the functions: a new outcome kind needs a migration that
    re-runs the two CREATE OR REPLACE FUNCTION statements."""
    kinds = ", ".join(f"'{kind}'" for kind in OUTCOME_KINDS)
    return _both(
        [
            f"""
CREATE OR REPLACE FUNCTION outcomes_recommendation_document_check() RETURNS trigger AS $$
BEGIN
    IF NEW.outcome_document_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM roundtables_workingpaper p
        WHERE p.id = NEW.outcome_document_id
          AND p.edition_id = NEW.edition_id
          AND p.kind IN ({kinds})
    ) THEN
        RAISE EXCEPTION 'recommendation %%: the outcome document must be an outcome '
            'document of the same edition', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
            "CREATE TRIGGER outcomes_recommendation_document_check "
            "BEFORE INSERT OR UPDATE OF outcome_document_id, edition_id "
            "ON outcomes_recommendation FOR EACH ROW "
            "EXECUTE FUNCTION outcomes_recommendation_document_check()",
            f"""
CREATE OR REPLACE FUNCTION outcomes_paper_recommendations_check() RETURNS trigger AS $$
BEGIN
    IF (NEW.kind NOT IN ({kinds}) OR NEW.edition_id <> OLD.edition_id) AND EXISTS (
        SELECT 1 FROM outcomes_recommendation r
        WHERE r.outcome_document_id = NEW.id
          AND (r.edition_id <> NEW.edition_id OR NEW.kind NOT IN ({kinds}))
    ) THEN
        RAISE EXCEPTION 'paper %%: recommendations name it as their outcome document', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
            "CREATE TRIGGER outcomes_paper_recommendations_check "
            "BEFORE UPDATE OF kind, edition_id ON roundtables_workingpaper FOR EACH ROW "
            "EXECUTE FUNCTION outcomes_paper_recommendations_check()",
        ],
        [
            "DROP TRIGGER IF EXISTS outcomes_paper_recommendations_check "
            "ON roundtables_workingpaper",
            "DROP FUNCTION IF EXISTS outcomes_paper_recommendations_check()",
            "DROP TRIGGER IF EXISTS outcomes_recommendation_document_check "
            "ON outcomes_recommendation",
            "DROP FUNCTION IF EXISTS outcomes_recommendation_document_check()",
        ],
    )
