#!/usr/bin/python3
"""kiosk-cast.py: a resident casts a ballot on the real kiosk, driven over
AT-SPI the way a screen reader user would.

The database (from pb-kiosk-test-db) holds a knapsack process with twelve
projects, a £50,000 budget, one voter code and the officer PIN.  The test
starts `pb --kiosk`, types the code, finds three projects by the
accessible names of their buttons ("Choose Riverside benches, £4,000"),
reviews, casts, waits for the confirmation and its receipt, and checks
with sqlite3 that the database holds exactly that ballot, with that
receipt, and that the code is used.
"""

from atspi_common import (TOGGLES, click, find, is_checked, label_text, press, query_all, run,
                          type_into, wait_for)
from kiosk_common import Kiosk, prepare_db

# The projects chosen, as the fixture names and prices them.
CHOSEN = [("Riverside benches", "£4,000"), ("Project 3", "£8,000"), ("Project 5", "£12,000")]


def main():
    tmp, db, codes = prepare_db("--format", "knapsack", "--projects", "12", "--codes", "1")
    assert len(codes) == 1, "one voter code expected, got %r" % (codes,)
    code = codes[0]
    before = query_all(db, "SELECT count(*) FROM ballots")[0][0]

    with Kiosk(tmp, db) as kiosk:
        win = kiosk.win
        # Welcome, then the voter code typed the sloppy way people do.
        click(win, "Start")
        type_into(win, "Voter code", " " + code.lower().replace("-", " ") + " ")
        click(win, "Continue")
        wait_for(lambda: find(win, "Review my choices", ("push button",)), "the choose screen")
        assert query_all(db, "SELECT count(*) FROM voter_codes WHERE state = 'used'")[0][0] == 0, \
            "checking the code must not use it"

        # Pick three projects by the accessible names of their buttons;
        # search first, as a resident would with many projects.
        for title, cost in CHOSEN:
            name = "Choose %s, %s" % (title, cost)
            type_into(win, "Search projects", title)
            button = wait_for(lambda: find(win, name, TOGGLES), "the button “%s”" % name)
            press(button)
            wait_for(lambda: is_checked(button), "“%s” to be chosen" % title)
        type_into(win, "Search projects", "")
        wait_for(lambda: label_text(win, "£26,000 of £50,000 left"), "the budget bar to show £26,000 left")

        # Review shows the choices and the total, then cast.
        click(win, "Review my choices")
        wait_for(lambda: find(win, "Cast my ballot", ("push button",)), "the review screen")
        for title, cost in CHOSEN:
            wait_for(lambda: find(win, title, prefix=True), "“%s” on the review screen" % title)
        click(win, "Cast my ballot")

        # The confirmation appears only once the ballot is stored.
        wait_for(lambda: find(win, "Thank you — your ballot is recorded"), "the confirmation")
        ballots = query_all(db, "SELECT choices, receipt, method FROM ballots ORDER BY id")
        assert len(ballots) == before + 1, "expected one new ballot, found %r" % (ballots,)
        choices, receipt, method = ballots[-1]
        ids = [query_all(db, "SELECT id FROM projects WHERE title = ?", (title,))[0][0] for title, _ in CHOSEN]
        assert choices == ",".join(str(i) for i in sorted(ids)), \
            "stored choices %r, expected the projects %r" % (choices, ids)
        assert method == "kiosk", "method %r" % method
        shown = "Your receipt code: " + receipt
        wait_for(lambda: find(win, shown, ("label",)), "the receipt %s on screen" % receipt)
        states = query_all(db, "SELECT state FROM voter_codes")
        assert states == [("used",)], "voter code states %r" % (states,)

        # Finish: back to a clean welcome screen.
        click(win, "Finish")
        wait_for(lambda: find(win, "Start", ("push button",)), "the welcome screen")
        assert find(win, shown, ("label",), prefix=True) is None, "the receipt must not stay on screen"
        assert find(win, receipt, prefix=True) is None, "the receipt must not stay on screen"


if __name__ == "__main__":
    run(main)
