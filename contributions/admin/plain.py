"""How the contributions ledger's activity entries read in plain words (its records are
written through the platform's record service: created, changed, deleted)."""

from gfmd.platform import plain

plain.register("contributions")
