#!/usr/bin/python3
"""workshop-opera.py: a facilitator runs an OPERA workshop through Pb's
window, driven over AT-SPI the way a screen reader would drive it.

Creates a process and opens proposals, starts a workshop on the Workshop
page, draws a question from the key jar, agrees a criterion, then goes
through the five stages: Own (two participants write ideas turn by turn
in the facilitator's window, a third on the participants' screen),
Pair (both ideas picked), Explain (one idea at a time), Rank (dots, the
limit refused), Arrange (a group, an idea moved into it with the keyboard
way "Move to Group", the group and an idea made projects).  Saves the
workshop record as JSON, moves the process on to review and checks the
database: two proposed projects carrying their dots and origin, the audit
chain intact (`pbtool verify`), and `pbtool workshop export` agreeing.
"""

import json
import os
import time

import pyatspi

from atspi_common import (BUTTONS, Officer, click, find, find_all, open_menu, pbtool, press, query, query_all,
                          run, screen_text, type_into, wait_for, window)


def enter_row(root, label, text):
    """Types into the entry row @label and presses the Add button beside it
    (named like the field)."""
    type_into(root, label, text)
    click(root, label, ("push button", "button"))


def stage(db):
    return query(db, "SELECT stage FROM workshops")


def next_stage(win, db, expected):
    click(win, "Next Stage")
    wait_for(lambda: stage(db) == expected, "the stage " + expected)


def main():
    with Officer("pb-e2e-workshop-") as pb:
        app = win = pb.app
        tmp, db = pb.tmp, pb.db

        # A process taking proposals.
        pb.new_process("Canal Ward Fund", "30000")
        click(win, "Overview")
        click(win, "Open Proposals")
        wait_for(lambda: query(db, "SELECT phase FROM processes") == "proposals", "the proposals phase")

        # The workshop starts in the warm-up with the key jar.
        click(win, "Workshop")
        # Look things up inside the page only: the window's tree is large.
        page = wait_for(lambda: find(win, "Workshop page", None), "the Workshop page")
        win = page
        click(win, "Start a Workshop")
        wait_for(lambda: stage(db) == "warm-up", "a workshop in the warm-up")
        click(win, "Draw a Question")
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_questions WHERE drawn = 1") == 1,
                 "a question drawn from the jar")

        next_stage(win, db, "criteria")
        enter_row(win, "Add a criterion", "Serves the people who use it")
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_criteria") == 1, "the criterion")

        # Own: two participants, ideas turn by turn.
        next_stage(win, db, "own")
        enter_row(win, "Add a participant", "Ana")
        enter_row(win, "Add a participant", "Ben")
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_participants") == 2, "two participants")
        enter_row(win, "Ana’s idea", "Benches along the canal")
        enter_row(win, "Ben’s idea", "Lights on the footbridge")
        enter_row(win, "Ana’s idea", "A community fridge")
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_ideas") == 3, "three ideas")
        assert query(db, "SELECT p.name FROM workshop_ideas i JOIN workshop_participants p"
                         " ON p.id = i.participant_id WHERE i.text = 'Lights on the footbridge'") == "Ben"

        # The participants' screen: Cleo types her own idea privately,
        # hands over, and the next person sees nothing of it.
        click(win, "Let Participants Type Their Ideas")
        own = window(app, "Write Your Ideas")
        type_into(own, "Your first name", "Cleo")
        click(own, "Start Writing")
        type_into(own, "Your idea", "A bike repair stand")
        click(own, "Add Idea")
        wait_for(lambda: query(db, "SELECT p.name FROM workshop_ideas i JOIN workshop_participants p"
                                   " ON p.id = i.participant_id WHERE i.text = 'A bike repair stand'") == "Cleo",
                 "Cleo's idea stored at once")
        assert find(own, "Your idea 1", ("text", "entry")) is not None, "Cleo's idea listed for her"
        assert "A bike repair stand" in screen_text(own), "Cleo's idea shown to her"
        click(own, "I’m Done — Hand Over")
        wait_for(lambda: find(own, "Your first name", ("text", "entry")), "the screen asking the next name")
        assert find(own, "Your idea 1", ("text", "entry")) is None, "the next person sees Cleo's idea"
        assert "bike" not in screen_text(own) and "your turn" not in screen_text(own), \
            "the next person sees Cleo's turn"
        click(own, "Facilitator: Close This Screen")
        click(app, "Close Screen")
        wait_for(lambda: not any(c is not None and c.name == "Write Your Ideas" for c in app),
                 "the participants' screen closed")
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_ideas") == 4, "four ideas")

        # Pair: Ana and Ben pair up and pick two ideas.
        next_stage(win, db, "pair")
        assert query(db, "SELECT count(DISTINCT pair) FROM workshop_participants") == 1
        for _ in range(2):
            boxes = wait_for(lambda: [b for b in find_all(win, "Picked", BUTTONS)
                                      if not b.getState().contains(pyatspi.STATE_CHECKED)
                                      and not b.getState().contains(pyatspi.STATE_PRESSED)],
                             "an unticked Picked box")
            press(boxes[0])
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_ideas WHERE picked = 1") == 2, "two picks")

        # Explain: one idea at a time.
        next_stage(win, db, "explain")
        click(win, "Next Idea")
        wait_for(lambda: query(db, "SELECT explain_index FROM workshops") == 1, "the second idea explained")

        # Rank: Ana's three dots; a fourth is refused.
        next_stage(win, db, "rank")
        for _ in range(4):
            click(win, "Place a dot")
        time.sleep(0.5)
        assert query(db, "SELECT sum(count) FROM workshop_dots") == 3, "dots: %r" % (
            query(db, "SELECT sum(count) FROM workshop_dots"),)

        # Arrange: a group, an idea moved into it the keyboard way, projects.
        next_stage(win, db, "arrange")
        enter_row(win, "New group name", "Canal life")
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_groups") == 1, "the group")
        open_menu(win, "Move to Group")
        click(win, "Canal life", ("menu item", "push button", "button"))
        wait_for(lambda: query(db, "SELECT count(*) FROM workshop_ideas WHERE group_id IS NOT NULL") == 1,
                 "an idea in the group")
        click(win, "Make this group a project")
        click(win, "Make this idea a project")
        wait_for(lambda: query(db, "SELECT count(*) FROM projects") == 2, "two projects")

        # The record as JSON, from the Export menu.
        open_menu(win, "Export the workshop")
        click(win, "Save Record as JSON…", ("menu item", "push button", "button"))
        path = os.path.join(tmp, "Canal Ward Fund – workshop.json")
        wait_for(lambda: os.path.exists(path), "the workshop record " + path)
        time.sleep(0.5)
        with open(path, encoding="utf-8") as f:
            record = json.load(f)
        assert record["stage"] == "arrange" and len(record["promotions"]) == 2, record

        # The projects go to review.
        click(app, "Overview")
        click(app, "Start Review")
        wait_for(lambda: query(db, "SELECT phase FROM processes") == "review", "the review phase")

        projects = query_all(db, "SELECT title, status, cost, description FROM projects ORDER BY id")
        promotions = query_all(db, "SELECT dots, origin FROM workshop_promotions ORDER BY id")
        audit = query(db, "SELECT count(*) FROM audit WHERE kind = 'workshop-promotion'")
        assert [p[1] for p in projects] == ["proposed", "proposed"], projects
        assert projects[0][0] == "Canal life", projects
        assert sum(p[0] for p in promotions) == 3, promotions
        assert all(p[3].startswith("From the workshop") for p in projects), projects
        assert audit == 2, "promotion audit entries: %r" % (audit,)

        check = pbtool("verify", "--database", db)
        assert check.returncode == 0, "pbtool verify: " + check.stdout + check.stderr

    # pbtool reads the same record once the window is gone.
    exported = pbtool("workshop", "export", "--database", db)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["promotions"] == record["promotions"]


if __name__ == "__main__":
    run(main)
