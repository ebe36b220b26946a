"""A process that writes one database in a loop (run by test_concurrent_writers).

``python writer_process.py DB KIND N``: KIND ``window`` alternates person edits and requests taken
at the counter, as a window does; ``cli`` takes requests, as a command does. Each write is its own
transaction. Prints the request numbers it was given, one a line.
"""

from __future__ import annotations

import sys
from datetime import datetime

from sqlmodel import select


def main(db: str, kind: str, count: int) -> None:
    from xhdesk.data.core.store import Store
    from xhdesk.data.models import Person
    from xhdesk.data.models.requests import ServiceKind
    from xhdesk.data.registry.persons import update_person
    from xhdesk.data.requests.intake import take_request

    store = Store.open(db, create=False)
    with store.session() as session:
        service = session.exec(select(ServiceKind)).first()
        person = session.exec(select(Person)).first()
    assert service is not None and person is not None
    at = datetime(2026, 11, 30, 9, 0)
    for i in range(count):
        if kind == "window" and i % 2:
            update_person(store, person.id, {"address": f"{kind}-{i}"})
            continue
        request = take_request(
            store,
            {
                "kind_id": service.id,
                "station_id": "st-07",
                "requester_name": "顾小红",
                "requester_phone": "13800000000",
                "description": f"{kind} {i}",
                "accepted_at": at,
            },
        )
        print(request.number, flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
