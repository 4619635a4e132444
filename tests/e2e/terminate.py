#!/usr/bin/python3
"""terminate.py: the session ends while Pb is open.

At logout or shutdown the session sends SIGTERM (SIGHUP, or Ctrl+C in a
terminal: SIGINT).  Pb must then quit as its Quit action does, with exit
status 0 and nothing lost: the officer's window with a process just
created, and a kiosk (which otherwise only the officer PIN closes) with a
ballot just cast.  Afterwards `pbtool verify` finds the audit chain and
every ballot intact.
"""

import signal

from atspi_common import (TOGGLES, Officer, click, find, is_checked, pbtool, press, query, run, type_into,
                          wait_for)
from kiosk_common import Kiosk, prepare_db


def stop(app, signum):
    """Sends @signum to pb and returns its exit status (it must go within
    10 s; App.close() would kill it later, which this test must not see)."""
    app.proc.send_signal(signum)
    return app.proc.wait(timeout=10)


def verify(db):
    result = pbtool("verify", "--database", db)
    assert result.returncode == 0, "pbtool verify: %s%s" % (result.stdout, result.stderr)


def main():
    # The officer's window: a process created, then SIGTERM.
    with Officer("pb-e2e-terminate-") as officer:
        officer.new_process("Harbour fund", "25000")
        wait_for(lambda: query(officer.db, "SELECT count(*) FROM processes WHERE name = 'Harbour fund'") == 1,
                 "the new process in the database")
        status = stop(officer, signal.SIGTERM)
        assert status == 0, "pb exited with %r on SIGTERM" % status
        db = officer.db
    assert query(db, "SELECT count(*) FROM processes WHERE name = 'Harbour fund'") == 1, \
        "the process must still be there after SIGTERM"
    verify(db)

    # A kiosk with a ballot just cast, then SIGHUP (the end of a session).
    tmp, db, codes = prepare_db("--format", "knapsack", "--projects", "12", "--codes", "1")
    with Kiosk(tmp, db) as kiosk:
        win = kiosk.win
        click(win, "Start")
        type_into(win, "Voter code", codes[0])
        click(win, "Continue")
        wait_for(lambda: find(win, "Review my choices", ("push button",)), "the choose screen")
        button = wait_for(lambda: find(win, "Choose Riverside benches, £4,000", TOGGLES), "a project to choose")
        press(button)
        wait_for(lambda: is_checked(button), "the project to be chosen")
        click(win, "Review my choices")
        wait_for(lambda: find(win, "Cast my ballot", ("push button",)), "the review screen")
        click(win, "Cast my ballot")
        wait_for(lambda: find(win, "Thank you — your ballot is recorded"), "the confirmation")
        status = stop(kiosk, signal.SIGHUP)
        assert status == 0, "the kiosk exited with %r on SIGHUP" % status
    assert query(db, "SELECT count(*) FROM ballots") == 1, "the ballot cast must be stored"
    verify(db)


if __name__ == "__main__":
    run(main)
