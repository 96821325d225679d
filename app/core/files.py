"""Writing a file whole or not at all: the one atomic-write helper of the project.

The bytes go to a temporary file beside the target (same folder, so the rename stays on one
file system), are flushed to disk, and the temporary file replaces the target with
os.replace: a reader sees the old file or the new one, never half of either. The folder is
synced afterwards so that the rename itself survives a power cut."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

SHARED = 0o644  # read by other tools and people: PO files, exports
PRIVATE = 0o600  # secrets: a workspace export may hold password hashes


def atomic_write(path, data: bytes, *, mode: int = SHARED, create_folder: bool = False) -> None:
    """Write `data` to `path`, the file ending with `mode` (the temporary file is 0600 from
    its creation, so a private file is never readable by others, not even while it is
    written). A missing folder is created with `create_folder`, else OSError."""
    target = Path(path)
    if create_folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
