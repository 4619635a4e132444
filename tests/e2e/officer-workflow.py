#!/usr/bin/python3
"""officer-workflow.py: an officer runs a process end to end through Pb's
window, driven over AT-SPI the way a screen reader would drive it.

Creates a process, adds two projects and marks them feasible, opens
voting, enters one paper ballot twice (the two officers first disagree,
then agree), counts the batch, closes voting, and checks the database:
`pbtool verify` accepts the audit chain and the paper ballot is stored.
Then counts the votes on the Results page, and exports the results as JSON from the Export menu and checks the file.
"""

import json
import os

import pyatspi

from atspi_common import (Officer, click, find, find_where, last_window, open_menu, pbtool, press, query,
                          query_all, run, type_into, wait_for, window)


def tick(root, title):
    """Ticks a project on the paper form (its toggle in the row)."""
    row = wait_for(lambda: find_where(root, lambda n: (n.getRoleName() == "list item"
                                                       and (n.name or "").endswith(" · " + title)
                                                       and n.getState().contains(pyatspi.STATE_SENSITIVE))),
                   "the row of " + title)
    box = pyatspi.findDescendant(row, lambda n: n.getRoleName() in ("toggle button", "push button"))
    press(box)


def set_value(root, label, value):
    node = wait_for(lambda: find(root, label, ("spin button",)), "spin button " + label)
    node.queryValue().currentValue = value


def phase(db):
    return query(db, "SELECT phase FROM processes")


def paper_ballots(db):
    return query(db, "SELECT count(*) FROM ballots WHERE method = 'paper'")


def count_results_step(app, win, db):
    """Counts the votes on the Results page: the lot's seed is recorded
    before the count, the page says how many projects are funded, and the
    funded project is shown as funded."""
    click(win, "Results")
    assert query(db, "SELECT count(*) FROM settings WHERE key LIKE 'lot-seed%'") == 0, \
        "opening the Results page must not draw a seed by itself"
    click(win, "Count Votes")

    title = wait_for(lambda: find_where(win, lambda n: (n.getRoleName() == "label"
                                                        and (n.name or "").endswith(" projects funded"))),
                     "the count's result")
    assert title.name in ("1 of 2 projects funded", "2 of 2 projects funded"), "result: %r" % (title.name,)
    wait_for(lambda: find(win, "Park benches", ("label", "table cell")), "Park benches in the results table")
    wait_for(lambda: find(win, "Funded", ("label", "table cell")), "a funded project in the results table")
    assert query(db, "SELECT count(*) FROM settings WHERE key LIKE 'lot-seed%'") == 1, "the seed is recorded"
    assert query(db, "SELECT count(*) FROM audit WHERE kind = 'lot-seed'") == 1, "the seed is in the audit log"


def export_json_step(app, win, db, out_dir):
    """Exports the results as JSON from the window's Export menu and checks
    the file: the process, its projects, its ballots and a counted result.
    PB_TEST_EXPORT_DIR (set when pb starts) stands for the file chooser."""
    path = os.path.join(out_dir, "elm-street-fund-results.json")
    open_menu(win, "Export")
    click(app, "Results as JSON…", ("menu item", "push button", "button"))
    wait_for(lambda: os.path.exists(path), "the exported JSON file " + path)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)

    assert data["process"]["name"] == "Elm Street Fund", "process: %r" % (data["process"],)
    assert data["process"]["budget"] == "10000", "budget: %r" % (data["process"],)
    titles = sorted(p["name"] for p in data["projects"])
    assert titles == ["Library books", "Park benches"], "projects: %r" % (titles,)
    by_name = {p["name"]: p for p in data["projects"]}
    assert data["ballots"] and len(data["ballots"]) == 1, "ballots: %r" % (data["ballots"],)
    ballot = data["ballots"][0]
    assert ballot["method"] == "paper", "ballot: %r" % (ballot,)
    assert [c["project"] for c in ballot["choices"]] == [by_name["Park benches"]["id"]], "choices: %r" % (ballot,)
    assert not any("code" in key for key in ballot), "a ballot must never name a voter code: %r" % (ballot,)

    assert len(data["results"]) == 1, "results: %r" % (data["results"],)
    result = data["results"][0]
    rule = query(db, "SELECT counting_rule FROM processes")
    assert result["rule"] == rule, "rule %r, process records %r" % (result["rule"], rule)
    outcome = {p["id"]: p for p in result["projects"]}
    park = outcome[by_name["Park benches"]["id"]]
    assert park["supporters"] == 1 and park["funded"], "Park benches: %r" % (park,)
    books = outcome[by_name["Library books"]["id"]]
    assert books["supporters"] == 0, "Library books: %r" % (books,)
    funded_cost = sum(int(outcome[i]["cost"]) for i in result["selected"])
    assert str(funded_cost) == result["total_cost"], "total %r, selected %r" % (result["total_cost"], result["selected"])

    # The export is in the audit log, and the chain still verifies.
    # (The file is renamed into place first, then the window records it.)
    wait_for(lambda: query(db, "SELECT count(*) FROM audit WHERE kind = 'export'") == 1,
             "the export's audit entry")
    check = pbtool("verify", "--database", db)
    assert check.returncode == 0, "pbtool verify after the export: " + check.stdout + check.stderr


def main():
    with Officer("pb-e2e-officer-") as pb:
        app = win = pb.app
        tmp, db = pb.tmp, pb.db

        # A new process.
        pb.new_process("Elm Street Fund", "10000")

        # Two projects, reviewed feasible in the editor.
        click(win, "Projects")
        for title, cost in (("Park benches", "4000"), ("Library books", "3000")):
            click(win, "Add Project")
            editor = window(app, "New Project")
            type_into(editor, "Title", title)
            type_into(editor, "Cost", cost)
            click(editor, "Feasible")
            click(editor, "Save")
        statuses = [r[0] for r in query_all(db, "SELECT status FROM projects ORDER BY id")]
        assert statuses == ["feasible", "feasible"], "projects: %r" % (statuses,)

        # Through the phases to voting; opening it asks for confirmation.
        click(win, "Overview")
        click(win, "Open Proposals")
        click(win, "Start Review")
        click(win, "Open Voting")
        click(last_window(app), "Open Voting")
        wait_for(lambda: phase(db) == "voting", "the voting phase")

        # One paper ballot typed by two officers who first disagree.
        click(win, "Paper")
        set_value(win, "Ballots in the batch", 1)
        click(win, "Add Batch")
        type_into(win, "Officer’s name", "Ann")
        tick(win, "Park benches")
        click(win, "Save Ballot and Go to Next")
        click(win, "Officer 2")
        type_into(win, "Officer’s name", "Bob")
        tick(win, "Library books")
        click(win, "Save Ballot and Go to Next")
        wait_for(lambda: find(win, "Officer 1: Park benches · Officer 2: Library books", ("label",))
                 or find(win, "Officer 1: P1 · Officer 2: P2", ("label",)), "the difference on ballot 1")
        assert paper_ballots(db) == 0, "a batch whose entries disagree must not count"

        tick(win, "Park benches")
        click(win, "Save Ballot and Go to Next")
        click(win, "Count This Batch")
        wait_for(lambda: paper_ballots(db) == 1, "the counted paper ballot")

        # Close voting, confirmed.
        click(win, "Overview")
        click(win, "Close Voting")
        click(last_window(app), "Close Voting")
        wait_for(lambda: phase(db) == "closed", "the closed phase")

        result = pbtool("verify", "--database", db)
        assert result.returncode == 0, "pbtool verify: " + result.stdout + result.stderr
        choices = query_all(db, "SELECT choices FROM ballots WHERE method = 'paper'")
        park = query(db, "SELECT id FROM projects WHERE title = 'Park benches'")
        assert choices == [(str(park),)], "paper ballot choices: %r" % (choices,)

        # Count on the Results page.
        count_results_step(app, win, db)

        # Export the results as JSON and check what the file holds.
        export_json_step(app, win, db, tmp)


if __name__ == "__main__":
    run(main)
