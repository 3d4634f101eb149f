"""The benchmarked requests, named once for the load run, the SQL capture and the baseline."""


def read_endpoints(info: dict) -> dict[str, str]:
    return {
        "sessions_of_edition": f"/api/v1/sessions/?roundtable__edition={info['edition']}",
        "session_detail": f"/api/v1/sessions/{info['session']}/",
        "inputs_by_decision": f"/api/v1/inputs/?paper={info['paper']}&decision=included",
        "edition_troika": f"/api/v1/editions/{info['edition']}/troika/",
        "edition_balance": f"/api/v1/editions/{info['edition']}/balance/",
        "csd_applications": (
            f"/api/v1/csd/applications/?csd_edition={info['csd_edition']}&status=submitted"
        ),
        # the cross-record full-text search (issue 15): a phrase in every paper's title
        "search": "/api/v1/search/?q=working+paper",
        # The public practice search (5,000 published practices, issue 13): French words,
        # best match first, a page of 50.
        "practice_search": "/api/v1/practices/?q=mobilit%C3%A9%20comp%C3%A9tences&language=fr",
    }


# Endpoints whose query count is checked against other requests than page sizes: the
# search pages by `page` (20 hits) and ranks whatever matches, so a rarer query (fewer hits
# to rank and describe) and a later page must cost the same queries.
VOLUME_VARIANTS = {
    "search": ("/api/v1/search/?q=RT+1.1", "/api/v1/search/?q=working+paper&page=3"),
}


# The list (and detail) reads the raw baseline answers too; troika and balance are reports
# of a few rows each, measured for the service alone.
BASELINE_ENDPOINTS = (
    "sessions_of_edition",
    "session_detail",
    "inputs_by_decision",
    "csd_applications",
)
