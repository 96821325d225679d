"""Private files: the SQLite database (it holds password hashes) with its -wal and -shm
files, the secret key, the PO files' stamps: readable and writable by the server's user
only (0600), in folders of their own (0700); the instance folder is made 0700 at every
start (an older install made it 0755).

SQLite creates the -wal and -shm files with the database file's mode, so the database is
created 0600 before SQLite opens it, and made 0600 when it exists."""
import os
from pathlib import Path

FILE_MODE, FOLDER_MODE = 0o600, 0o700


def folder(path, *, tighten=False):
    """Create the folder `path` (0700; missing parents get the default mode); with
    `tighten`, make it 0700 if it existed."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        tighten = True
    if tighten:
        os.chmod(path, FOLDER_MODE)
    return path


def file(path):
    """Create the file `path` empty if missing (0600 from its first byte), and make it 0600
    if it existed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return Path(path)


def sqlite_database(path, instance_path):
    """Prepare the SQLite database file at `path` (and the -wal/-shm files that exist): 0600,
    in a 0700 folder when that folder is the instance folder or is created here."""
    path = Path(path)
    parent = path.parent
    folder(parent, tighten=parent.resolve() == Path(instance_path).resolve())
    file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.chmod(companion, FILE_MODE)


def secret(path, make):
    """The text of the secret file `path`, created 0600 with `make()` on first use (never
    readable by others, not even while it is written)."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        os.chmod(path, FILE_MODE)
    else:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(make())
    return path.read_text(encoding="utf-8").strip()
