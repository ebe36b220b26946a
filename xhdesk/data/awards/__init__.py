"""Awards (评选): selections, nominations, winners, certificates and their verification."""

from xhdesk.data.awards.certificates import (
    certificate_rows,
    issue_certificates,
    issue_year,
)
from xhdesk.data.awards.nominations import Candidate, candidates, nominate, set_winners, winners
from xhdesk.data.awards.notice import award_notice
from xhdesk.data.awards.selections import (
    award_id,
    award_years,
    get_award,
    list_awards,
    open_selections,
    update_award,
)
from xhdesk.data.awards.verification import Verdict, decode_code, encode_code, verify_code
from xhdesk.data.awards.vocab import AWARD_KINDS, AWARD_NAMES

__all__ = [
    "AWARD_KINDS",
    "AWARD_NAMES",
    "Candidate",
    "Verdict",
    "award_id",
    "award_notice",
    "award_years",
    "candidates",
    "certificate_rows",
    "decode_code",
    "encode_code",
    "get_award",
    "issue_certificates",
    "issue_year",
    "list_awards",
    "nominate",
    "open_selections",
    "set_winners",
    "update_award",
    "verify_code",
    "winners",
]
