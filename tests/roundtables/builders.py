"""Build a roundtable programme of any size (query-count and admin tests)."""

from gfmd.enums import FriendsRole
from gfmd.models import FriendsParticipation
from roundtables.enums import Decision, PaperState
from tests.factories import country
from tests.roundtables.factories import (
    RoundtableFactory,
    SessionFactory,
    ThemeFactory,
    confirmed_cochair,
    team_member,
)
from tests.roundtables.helpers import add_input, add_text_version, set_state

DEVELOPED = ["DEU", "FRA", "SWE", "NLD", "CAN", "JPN"]
DEVELOPING = ["MAR", "ECU", "PHL", "MEX", "GHA", "BGD"]
TEAM = ["ITA", "ESP", "KEN", "IDN", "SEN", "PRT"]


def build_programme(edition, sessions: int):
    """`sessions` sessions in their own roundtables and themes, each ready, with a team
    member, a paper in consultation with two versions and two inputs (one decided)."""
    FriendsParticipation.objects.get_or_create(
        edition=edition, country=country("BRA"), defaults={"role": FriendsRole.PARTICIPANT}
    )
    built = []
    for index in range(sessions):
        session = SessionFactory(
            roundtable=RoundtableFactory(edition=edition, number=index + 1),
            number=1,
            theme=ThemeFactory(name=f"Theme {index}"),
        )
        confirmed_cochair(session, DEVELOPED[index])
        confirmed_cochair(session, DEVELOPING[index])
        team_member(session, TEAM[index])
        paper = session.paper
        add_text_version(paper, "First\n")
        add_text_version(paper, "Second\n")
        set_state(paper, PaperState.CONSULTATION)
        add_input(paper, country=country("BRA"))
        add_input(paper, country=country(TEAM[index]), decision=Decision.INCLUDED)
        built.append(session)
    return built
