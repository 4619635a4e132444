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
import sqlite3
import subprocess
import sys
import tempfile
import time

import pyatspi

BUILD = os.environ["PB_BUILD_DIR"]
PB = os.path.join(BUILD, "src", "gui", "pb")
PBTOOL = os.path.join(BUILD, "src", "pbtool", "pbtool")


def wait_for(predicate, what, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name in ("pb", "Pb"):
            return app
    return None


def clean(name):
    """GTK 4.8 names a button with a mnemonic "_Save Save": keep "Save"."""
    name = (name or "").replace("_", "")
    half = len(name) // 2
    if len(name) % 2 == 1 and name[:half] == name[half + 1:] and name[half] == " ":
        return name[:half]
    return name


def find(root, name, roles=None):
    """The first visible, sensitive descendant called @name, or None."""
    def match(node):
        try:
            # A labelled widget may read "Label Description": match the start.
            if clean(node.name) != name and not (node.name or "").startswith(name + " "):
                return False
            if roles is not None and node.getRoleName() not in roles:
                return False
            state = node.getState()
            return state.contains(pyatspi.STATE_VISIBLE) and state.contains(pyatspi.STATE_SENSITIVE)
        except Exception:
            return False
    return pyatspi.findDescendant(root, match, breadth_first=True)


def dump(node, depth=0, out=None):
    """The tree under @node as text, for failure messages."""
    out = [] if out is None else out
    try:
        out.append("  " * depth + "%s %r" % (node.getRoleName(), node.name))
        for child in node:
            if child is not None and depth < 90:
                dump(child, depth + 1, out)
    except Exception:
        pass
    return out


def click(root, name, roles=("push button", "toggle button", "button", "page tab")):
    node = wait_for(lambda: find(root, name, roles), "button " + name)
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            break
    else:
        action.doAction(0)
    time.sleep(0.4)


def window(app, title):
    """The top-level window of @app titled @title."""
    def look():
        for child in app:
            try:
                if child is not None and child.name == title:
                    return child
            except Exception:
                pass
        return None
    return wait_for(look, "window " + title)


def type_into(root, label, text):
    """Types @text into the text field labelled @label."""
    node = wait_for(lambda: find(root, label, ("text", "entry", "spin button")), "field " + label)
    editable = node.queryEditableText()
    editable.setTextContents(text)
    time.sleep(0.2)


def last_window(app):
    """The window opened last (a confirmation dialog)."""
    return wait_for(lambda: app[app.childCount - 1] if app.childCount > 1 else None, "a dialog")


def tick(root, title):
    """Ticks a project on the paper form (its toggle in the row)."""
    def look():
        def match(node):
            try:
                return (node.getRoleName() == "list item" and (node.name or "").endswith(" · " + title)
                        and node.getState().contains(pyatspi.STATE_SENSITIVE))
            except Exception:
                return False
        return pyatspi.findDescendant(root, match, breadth_first=True)
    row = wait_for(look, "the row of " + title)
    box = pyatspi.findDescendant(row, lambda n: n.getRoleName() in ("toggle button", "push button"))
    box.queryAction().doAction(0)
    time.sleep(0.4)


def set_value(root, label, value):
    node = wait_for(lambda: find(root, label, ("spin button",)), "spin button " + label)
    node.queryValue().currentValue = value
    time.sleep(0.2)


def query(db, sql):
    try:
        with sqlite3.connect(db) as con:
            return con.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return None


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

    def funded_title():
        def match(node):
            try:
                return (node.getRoleName() == "label" and (node.name or "").endswith(" projects funded")
                        and node.getState().contains(pyatspi.STATE_VISIBLE))
            except Exception:
                return False
        return pyatspi.findDescendant(win, match, breadth_first=True)
    title = wait_for(funded_title, "the count's result")
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
    # A GtkMenuButton carries the name; its toggle button inside the action.
    menu = wait_for(lambda: find(win, "Export", ("push button", "toggle button", "button")), "the Export menu")
    pressable = menu if menu.queryAction().nActions > 0 else pyatspi.findDescendant(
        menu, lambda n: n is not None and n.queryAction().nActions > 0)
    pressable.queryAction().doAction(0)
    time.sleep(0.5)
    item = wait_for(lambda: find(app, "Results as JSON…", ("menu item", "push button", "button")),
                    "the menu item Results as JSON…")
    item.queryAction().doAction(0)
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
    check = subprocess.run([PBTOOL, "verify", "--database", db], capture_output=True, text=True)
    assert check.returncode == 0, "pbtool verify after the export: " + check.stdout + check.stderr


def main():
    tmp = tempfile.mkdtemp(prefix="pb-e2e-officer-")
    db = os.path.join(tmp, "pb.db")
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env["XDG_DATA_HOME"] = tmp
    env["PB_TEST_EXPORT_DIR"] = tmp
    proc = subprocess.Popen([PB, "--database", db], env=env)
    try:
        app = None
        app = wait_for(find_app, "pb on the accessibility bus")
        win = app

        # A new process.
        click(win, "New Process")
        dialog = window(app, "New Process")
        type_into(dialog, "Name", "Elm Street Fund")
        type_into(dialog, "Budget", "10000")
        click(dialog, "Create")

        # Two projects, reviewed feasible in the editor.
        click(win, "Projects")
        for title, cost in (("Park benches", "4000"), ("Library books", "3000")):
            click(win, "Add Project")
            editor = window(app, "New Project")
            type_into(editor, "Title", title)
            type_into(editor, "Cost", cost)
            click(editor, "Feasible")
            click(editor, "Save")
        with sqlite3.connect(db) as con:
            statuses = [r[0] for r in con.execute("SELECT status FROM projects ORDER BY id")]
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

        result = subprocess.run([PBTOOL, "verify", "--database", db], capture_output=True, text=True)
        assert result.returncode == 0, "pbtool verify: " + result.stdout + result.stderr
        with sqlite3.connect(db) as con:
            choices = con.execute("SELECT choices FROM ballots WHERE method = 'paper'").fetchall()
            park = con.execute("SELECT id FROM projects WHERE title = 'Park benches'").fetchone()[0]
        assert choices == [(str(park),)], "paper ballot choices: %r" % (choices,)

        # Count on the Results page.
        count_results_step(app, win, db)

        # Export the results as JSON and check what the file holds.
        export_json_step(app, win, db, tmp)
    except AssertionError:
        lines = [l for l in dump(app) if "'" in l and not l.rstrip().endswith("''")]
        print("\n".join(lines[-300:]), file=sys.stderr)
        raise
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print("FAIL:", error, file=sys.stderr)
        sys.exit(1)
