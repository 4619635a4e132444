"""atspi_common.py: what every end-to-end test shares.

The tests start the real `pb` and drive it over AT-SPI the way a screen
reader user would: controls are found by their accessible names and roles,
never by position.  Every wait polls with a time limit.  Each script runs
on a D-Bus session and accessibility bus of its own (private_bus()), so
that other sessions of the same user on a shared machine cannot break it.

A script calls run(main); main starts the application with
`with Officer("pb-e2e-name-") as pb:` (the officer's window on a new
database; pb --kiosk: kiosk_common.Kiosk), which prints the accessible tree
when an assertion fails and stops pb.
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
PBTOOL = os.path.join(BUILD, "src", "pbtool", "pbtool")

# Roles a control that can be pressed may have.
BUTTONS = ("push button", "toggle button", "button", "page tab", "check box", "menu item")
TOGGLES = ("push button", "toggle button")
FIELDS = ("text", "entry", "spin button")

# Seconds to leave the application after each action.  0 for the kiosk
# tests, which wait for every effect they check; the window's longer
# walks through dialogs and pages set it (see set_settle()).
_settle = 0.0


def set_settle(seconds):
    """Leaves the application @seconds after each press or typing."""
    global _settle
    _settle = seconds


def _rest():
    if _settle > 0:
        time.sleep(_settle)


def wait_for(predicate, what, timeout=20.0):
    """The first true value of @predicate, polled every 0.1 s for up to
    @timeout seconds.  An exception in @predicate (an AT-SPI object going
    away under it) counts as not yet; the last one is named on timeout."""
    end = time.time() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
        except Exception as error:  # pylint: disable=broad-except
            value = None
            last_error = error
        if value:
            return value
        if time.time() >= end:
            detail = " (last error: %r)" % (last_error,) if last_error is not None else ""
            raise AssertionError("timed out waiting for " + what + detail)
        time.sleep(0.1)


def find_app():
    """pb on the accessibility bus, or None."""
    for app in pyatspi.Registry.getDesktop(0):
        try:
            if app is not None and app.name in ("pb", "Pb"):
                return app
        except Exception:  # pylint: disable=broad-except
            pass
    return None


def clean(name):
    """GTK 4.8 names a button with a mnemonic "_Save Save": keep "Save"."""
    name = (name or "").replace("_", "")
    half = len(name) // 2
    if len(name) % 2 == 1 and name[:half] == name[half + 1:] and name[half] == " ":
        return name[:half]
    return name


def usable(node):
    """Visible and sensitive.  GTK 4.8 sets no "showing" state; pages not on
    screen are hidden, which takes them out of the walk below."""
    state = node.getState()
    return state.contains(pyatspi.STATE_VISIBLE) and state.contains(pyatspi.STATE_SENSITIVE)


def walk(root):
    """The visible nodes under @root (and @root), breadth first; hidden
    subtrees (the other pages of a window) are skipped, which keeps
    look-ups fast."""
    queue = [root]
    while queue:
        node = queue.pop(0)
        yield node
        try:
            children = [c for c in node if c is not None]
        except Exception:  # pylint: disable=broad-except
            continue
        for child in children:
            try:
                if child.getState().contains(pyatspi.STATE_VISIBLE):
                    queue.append(child)
            except Exception:  # pylint: disable=broad-except
                pass


def matches(node, name, roles=None, prefix=False):
    """Whether @node is usable, has one of @roles (None: any) and is called
    @name.  GTK 4.8 adds a button's visible label to its accessible name
    ("Choose Riverside benches, £4,000 Choose") and a labelled widget may
    read "Label Description", so "@name " followed by more matches too;
    with @prefix, any name starting with @name does."""
    try:
        node_name = node.name or ""
        if prefix:
            if not node_name.startswith(name):
                return False
        elif clean(node_name) != name and not node_name.startswith(name + " "):
            return False
        if roles is not None and node.getRoleName() not in roles:
            return False
        return usable(node)
    except Exception:  # pylint: disable=broad-except
        return False


def find(root, name, roles=None, prefix=False):
    """The first usable descendant of @root called @name (see matches()),
    or None."""
    for node in walk(root):
        if node is not root and matches(node, name, roles, prefix):
            return node
    return None


def find_all(root, name, roles=None):
    """Every usable descendant of @root called @name."""
    return [n for n in walk(root) if n is not root and matches(n, name, roles)]


def find_where(root, predicate):
    """The first visible descendant of @root for which @predicate holds."""
    for node in walk(root):
        try:
            if node is not root and predicate(node):
                return node
        except Exception:  # pylint: disable=broad-except
            pass
    return None


def label_text(root, prefix):
    """The text of the first usable label starting with @prefix, or None."""
    node = find(root, prefix, ("label",), prefix=True)
    return node.name if node is not None else None


def screen_text(root):
    """Every name and text (entries, labels) visible under @root."""
    parts = []
    for node in walk(root):
        try:
            parts.append(node.name or "")
            text = node.queryText()
            # GTK 4.8 answers "" to getText(0, -1).
            parts.append(text.getText(0, text.characterCount))
        except Exception:  # pylint: disable=broad-except
            pass
    return "\n".join(parts)


def is_checked(node):
    state = node.getState()
    return state.contains(pyatspi.STATE_CHECKED) or state.contains(pyatspi.STATE_PRESSED)


def press(node):
    """Runs @node's click (press, activate, toggle) action, else its first."""
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate", "toggle"):
            action.doAction(i)
            break
    else:
        action.doAction(0)
    _rest()
    return node


def click(root, name, roles=BUTTONS, timeout=20.0):
    """Waits for the control called @name under @root and presses it."""
    return press(wait_for(lambda: find(root, name, roles), "button “%s”" % name, timeout))


def open_menu(root, name):
    """Opens the menu button called @name (a GtkMenuButton carries the name;
    its toggle button inside has the action)."""
    menu = wait_for(lambda: find(root, name, ("push button", "toggle button", "button")), "the menu “%s”" % name)
    pressable = menu if menu.queryAction().nActions > 0 else pyatspi.findDescendant(
        menu, lambda n: n is not None and n.queryAction().nActions > 0)
    pressable.queryAction().doAction(0)
    _rest()


def type_into(root, label, text):
    """Replaces the text of the field labelled @label with @text."""
    node = wait_for(lambda: find(root, label, FIELDS), "field “%s”" % label)
    node.queryEditableText().setTextContents(text)
    _rest()
    return node


def window(app, title):
    """The top-level window of @app titled @title."""
    def look():
        for child in app:
            if child is not None and child.name == title:
                return child
        return None
    return wait_for(look, "window “%s”" % title)


def last_window(app):
    """The window opened last (a confirmation dialog)."""
    return wait_for(lambda: app[app.childCount - 1] if app.childCount > 1 else None, "a dialog")


def dump(node, depth=0, out=None):
    """The tree under @node as text lines, for failure messages."""
    out = [] if out is None else out
    try:
        out.append("  " * depth + "%s %r" % (node.getRoleName(), node.name))
        for child in node:
            if child is not None and depth < 90:
                dump(child, depth + 1, out)
    except Exception:  # pylint: disable=broad-except
        pass
    return out


def print_tree(node, limit=300):
    """Prints the last @limit named nodes under @node to stderr."""
    lines = [l for l in dump(node) if "'" in l and not l.rstrip().endswith("''")]
    print("\n".join(lines[-limit:]), file=sys.stderr)


def query_all(db, sql, params=()):
    with sqlite3.connect(db, timeout=10) as con:
        return con.execute(sql, params).fetchall()


def query(db, sql, params=()):
    """The first column of the first row, or None (no row, or the database
    busy or not there yet)."""
    try:
        rows = query_all(db, sql, params)
    except sqlite3.Error:
        return None
    return rows[0][0] if rows else None


def pbtool(*args):
    """Runs pbtool; returns the finished process (text output)."""
    return subprocess.run([PBTOOL] + list(args), capture_output=True, text=True, check=False)


class App:
    """The real pb started with @args, its data in @tmp, found on the
    accessibility bus.  As a context manager it prints the accessible tree
    when an assertion fails inside and always stops pb."""

    def __init__(self, args, tmp, env=None):
        full_env = dict(os.environ)
        full_env.pop("GTK_A11Y", None)
        full_env.pop("NO_AT_BRIDGE", None)
        full_env["XDG_DATA_HOME"] = tmp
        full_env.update(env or {})
        self.proc = subprocess.Popen([PB] + list(args), env=full_env)
        self.app = None
        try:
            self.app = wait_for(find_app, "pb on the accessibility bus")
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def fail_dump(self):
        if self.app is not None:
            print_tree(self.app)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not None and issubclass(kind, AssertionError):
            self.fail_dump()
        self.close()
        return False


class Officer(App):
    """pb's officer window on a new database in a new folder named from
    @prefix (@tmp, @db), where exports go too (PB_TEST_EXPORT_DIR stands
    for the file chooser)."""

    def __init__(self, prefix):
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self.db = os.path.join(self.tmp, "pb.db")
        # The walks through dialogs and pages leave the window a moment
        # after each action.
        set_settle(0.4)
        super().__init__(["--database", self.db], self.tmp, {"PB_TEST_EXPORT_DIR": self.tmp})

    def new_process(self, name, budget):
        """Creates a process from the New Process dialog."""
        click(self.app, "New Process")
        dialog = window(self.app, "New Process")
        type_into(dialog, "Name", name)
        type_into(dialog, "Budget", budget)
        click(dialog, "Create")


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
    """Runs @main on a bus of its own; a failed assertion exits 1 with
    "FAIL: why"."""
    private_bus()
    try:
        main()
    except AssertionError as error:
        print("FAIL:", error, file=sys.stderr)
        sys.exit(1)
