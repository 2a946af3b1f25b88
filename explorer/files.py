"""Writing files so that nothing is lost: the new content whole, or the old file untouched.

Qt-free. Scene saves and figure exports both go through :func:`write_atomically`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path``: into a temporary file beside it, then replace it.

    Every write is checked and flushed to the disk (``fsync``) before the replacement, so
    a full disk, a crash or a killed process leaves the previous file as it was and no
    half-written one. Through a symbolic link the file it points to is replaced (the link
    stays). The new file gets the mode of the file it replaces, or the mode a new file
    would get. Returns the path written (the link's target for a link).

    Raises
    ------
    OSError
        When the folder cannot be written, the disk is full, and so on: the temporary
        file is removed and ``path`` is untouched.
    ValueError
        For a path no file system can hold (a NUL byte).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a.txt", b"hello").read_bytes()
    b'hello'
    """
    file = Path(path)
    if "\0" in os.fsdecode(file):
        raise ValueError("a file name cannot contain a NUL character")
    if file.is_symlink():
        file = Path(os.path.realpath(file))
    folder = file.parent if str(file.parent) else Path(".")
    # A short temporary name: one built from the target's could pass the file system's
    # 255 bytes where the target's own name fits.
    handle, temporary = tempfile.mkstemp(prefix=".softmax-", suffix=".tmp", dir=folder)
    try:
        try:
            mode = file.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)  # mkstemp makes the file private (0600)
        with os.fdopen(handle, "wb") as stream:
            view = memoryview(data)
            while view:  # os.write may write less than asked; a full disk raises
                written = stream.write(view)
                view = view[written:]
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return file


__all__ = ["write_atomically"]
