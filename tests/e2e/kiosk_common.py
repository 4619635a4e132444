"""kiosk_common.py: what the kiosk's end-to-end tests share.

Starts the real `pb --kiosk --database DB` on a database prepared with
tests/kiosk/pb-kiosk-test-db and finds its controls over AT-SPI by their
accessible names, the way a screen reader user would.  Every wait polls
with a time limit; nothing sleeps for a fixed time to let things happen.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import pyatspi

BUILD = os.environ["PB_BUILD_DIR"]
PB = os.path.join(BUILD, "src", "gui", "pb")
TEST_DB = os.path.join(BUILD, "tests", "kiosk", "pb-kiosk-test-db")
PIN = "2468"


def wait_for(predicate, what, timeout=20.0):
    end = time.time() + timeout
    while True:
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        if time.time() >= end:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.1)


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is not None and app.name in ("pb", "Pb"):
                return app
        except Exception:
            pass
    return None


def showing(node):
    """GTK 4.8 sets no "showing" state; the kiosk marks the pages that are
    not on screen hidden, which takes them out of the tree."""
    state = node.getState()
    return state.contains(pyatspi.STATE_VISIBLE) and state.contains(pyatspi.STATE_SENSITIVE)


def find(root, name, roles=None, prefix=False):
    """The first showing, sensitive descendant called @name (or whose name
    starts with @name when @prefix), or None.  GTK 4.8 adds a button's
    visible label to its accessible name ("Choose Riverside benches,
    £4,000 Choose"), so "@name " followed by more also matches."""
    def match(node):
        try:
            node_name = node.name or ""
            if prefix:
                if not node_name.startswith(name):
                    return False
            elif node_name != name and not node_name.startswith(name + " "):
                return False
            if roles is not None and node.getRoleName() not in roles:
                return False
            return showing(node)
        except Exception:
            return False
    return pyatspi.findDescendant(root, match, breadth_first=True)


def find_all(root, predicate):
    out = []

    def match(node):
        try:
            if predicate(node):
                out.append(node)
        except Exception:
            pass
        return False
    pyatspi.findDescendant(root, match, breadth_first=True)
    return out


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


BUTTONS = ("push button", "toggle button", "button")
TOGGLES = ("push button", "toggle button")


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            return
    action.doAction(0)


def click(root, name, roles=BUTTONS, timeout=20.0):
    node = wait_for(lambda: find(root, name, roles), "button “%s”" % name, timeout)
    press(node)
    return node


def is_checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED) or node.getState().contains(pyatspi.STATE_PRESSED)


def type_into(root, label, text):
    node = wait_for(lambda: find(root, label, ("text", "entry")), "field “%s”" % label)
    node.queryEditableText().setTextContents(text)
    return node


def label_text(root, prefix):
    """The text of the first showing label starting with @prefix, or None."""
    node = find(root, prefix, ("label",), prefix=True)
    return node.name if node is not None else None


def prepare_db(*args):
    """A new database made by pb-kiosk-test-db with @args; returns its
    path and what the tool printed (the voter codes)."""
    tmp = tempfile.mkdtemp(prefix="pb-e2e-kiosk-")
    db = os.path.join(tmp, "pb.db")
    result = subprocess.run([TEST_DB, db, "--pin", PIN] + list(args),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, "pb-kiosk-test-db: " + result.stderr
    return tmp, db, result.stdout.split()


def query_all(db, sql, params=()):
    with sqlite3.connect(db, timeout=10) as con:
        return con.execute(sql, params).fetchall()


class Kiosk:
    """The real kiosk on @db, found on the accessibility bus."""

    def __init__(self, tmp, db):
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env["XDG_DATA_HOME"] = tmp
        self.proc = subprocess.Popen([PB, "--kiosk", "--database", db], env=env)
        self.app = wait_for(find_app, "pb on the accessibility bus")
        self.win = wait_for(lambda: self.app[0] if self.app.childCount > 0 else None, "the kiosk window")

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def fail_dump(self):
        lines = [l for l in dump(self.app) if not l.rstrip().endswith("''")]
        print("\n".join(lines[-200:]), file=sys.stderr)


def private_bus():
    """Runs this script again on a D-Bus session of its own, with its own
    runtime folder, so that its accessibility bus is its own too.

    at-spi-bus-launcher keeps its socket in $XDG_RUNTIME_DIR/at-spi (or
    ~/.cache/at-spi); another session of the same user ending removes it,
    and every later AT-SPI connection then fails.  CI runs one session at
    a time, a shared workstation does not."""
    if os.environ.get("PB_E2E_PRIVATE_BUS") == "1":
        return
    runtime = tempfile.mkdtemp(prefix="pb-e2e-runtime-")
    os.chmod(runtime, 0o700)
    env = dict(os.environ)
    env["XDG_RUNTIME_DIR"] = runtime
    env["PB_E2E_PRIVATE_BUS"] = "1"
    try:
        result = subprocess.run(["dbus-run-session", "--", sys.executable] + sys.argv, env=env, check=False)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    sys.exit(result.returncode)


def run(main):
    private_bus()
    try:
        main()
    except AssertionError as error:
        print("FAIL:", error, file=sys.stderr)
        sys.exit(1)
