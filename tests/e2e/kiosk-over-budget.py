#!/usr/bin/python3
"""kiosk-over-budget.py: on the real kiosk, driven over AT-SPI, a choice
that would go over the budget is refused with a visible message naming
the rule, the choice stays off, and nothing of it is stored.

The database (from pb-kiosk-test-db) holds a knapsack process with twelve
projects and a £50,000 budget.  The resident chooses Project 12
(£26,000) and Project 11 (£24,000), which spend the whole budget, then
tries Riverside benches (£4,000).  Afterwards the two valid choices are
cast, and the database must hold exactly them.
"""

from atspi_common import (TOGGLES, click, find, is_checked, label_text, press, query_all, run,
                          type_into, wait_for)
from kiosk_common import Kiosk, prepare_db

FITTING = [("Project 12", "£26,000"), ("Project 11", "£24,000")]
OVER = ("Riverside benches", "£4,000")


def choose(win, title, cost):
    name = "Choose %s, %s" % (title, cost)
    type_into(win, "Search projects", title)
    button = wait_for(lambda: find(win, name, TOGGLES), "the button “%s”" % name)
    press(button)
    return button


def main():
    tmp, db = prepare_db("--format", "knapsack", "--projects", "12")[:2]
    with Kiosk(tmp, db) as kiosk:
        win = kiosk.win
        click(win, "Start")
        wait_for(lambda: find(win, "Review my choices", ("push button",)), "the choose screen")
        for title, cost in FITTING:
            button = choose(win, title, cost)
            wait_for(lambda: is_checked(button), "“%s” to be chosen" % title)
        wait_for(lambda: label_text(win, "£0 of £50,000 left"), "the budget bar to show £0 left")

        # One more is refused, with a message that says which rule.
        button = choose(win, *OVER)
        message = wait_for(lambda: label_text(win, "Adding “%s”" % OVER[0]), "the refusal message")
        assert "£54,000" in message and "limit is £50,000" in message, \
            "the message must name the budget rule: %r" % message
        assert not is_checked(button), "the refused project must not stay chosen"
        assert label_text(win, "£0 of £50,000 left"), "the budget bar must not change"
        assert query_all(db, "SELECT count(*) FROM ballots")[0][0] == 0, "nothing may be stored"

        # The message can be dismissed; the valid choices are kept and cast.
        click(win, "OK")
        wait_for(lambda: label_text(win, "Adding “%s”" % OVER[0]) is None, "the message to go")
        type_into(win, "Search projects", "")
        click(win, "Review my choices")
        click(win, "Cast my ballot")
        wait_for(lambda: find(win, "Thank you — your ballot is recorded"), "the confirmation")
        ids = [query_all(db, "SELECT id FROM projects WHERE title = ?", (t,))[0][0] for t, _ in FITTING]
        rows = query_all(db, "SELECT choices FROM ballots")
        assert rows == [(",".join(str(i) for i in sorted(ids)),)], \
            "stored %r, expected only %r" % (rows, ids)


if __name__ == "__main__":
    run(main)
