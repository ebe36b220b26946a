"""The demo reproduces the programme figures of the source document (teams, learning)."""

from __future__ import annotations

from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.volunteering.teams import list_teams


def test_fresh_demo_has_the_documents_programme_figures(demo_store):
    figures = headline_figures(demo_store)
    assert figures["courseware"] == 12
    assert figures["trainings"] == 6
    assert figures["viewings"] >= 1500
    assert figures["volunteer_person_times"] >= 400
    assert figures["teams"] == 2
    assert figures["governance_reports"] > 0
    names = {team.name for team in list_teams(demo_store)}
    assert names == {"水乡红骑手", "货运“兴”锋队"}
    assert all(team.leaders and team.members > 10 for team in list_teams(demo_store))
