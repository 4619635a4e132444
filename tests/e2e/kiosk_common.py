"""kiosk_common.py: what the kiosk's end-to-end tests share beyond
atspi_common.py.

Starts the real `pb --kiosk --database DB` on a database prepared with
tests/kiosk/pb-kiosk-test-db.
"""

import os
import subprocess
import tempfile

from atspi_common import BUILD, App, wait_for

TEST_DB = os.path.join(BUILD, "tests", "kiosk", "pb-kiosk-test-db")
PIN = "2468"


def prepare_db(*args):
    """A new database made by pb-kiosk-test-db with @args; returns its
    folder, its path and what the tool printed (the voter codes)."""
    tmp = tempfile.mkdtemp(prefix="pb-e2e-kiosk-")
    db = os.path.join(tmp, "pb.db")
    result = subprocess.run([TEST_DB, db, "--pin", PIN] + list(args),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, "pb-kiosk-test-db: " + result.stderr
    return tmp, db, result.stdout.split()


class Kiosk(App):
    """The real kiosk on @db; @win is its window."""

    def __init__(self, tmp, db):
        super().__init__(["--kiosk", "--database", db], tmp)
        try:
            self.win = wait_for(lambda: self.app[0] if self.app.childCount > 0 else None, "the kiosk window")
        except BaseException:
            self.close()
            raise
