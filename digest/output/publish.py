"""The only writer of site/: path-safe, and atomic (build beside, then swap in one step)."""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

from digest.errors import PublishError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100

# Every folder a build makes holds this file: it says the folder is ours to replace (and delete).
MARKER = ".news-digest-site"
MARKER_TEXT = b"This folder is a site built by news-digest: each build replaces all of it.\n"


def check_output_folder(out_dir: Path, project_root: Path, default_output: Path | None = None) -> None:
    """Refuse an output that a build would destroy: the project (or a folder holding it), anything
    in content/ or layouts/, an existing file, a link, or a folder of files news-digest did not
    write (no marker). `default_output` (the project's site/) may be a site built before markers."""
    out = Path(os.path.abspath(out_dir))
    if out.is_symlink():
        raise PublishError(f"output {out_dir} is a symbolic link; give the folder it points to")
    real, root = out.resolve(), project_root.resolve()
    if real == root or root.is_relative_to(real):
        raise PublishError(f"output {out_dir} is the project folder or holds it; choose another folder")
    for name in ("content", "layouts"):
        if real.is_relative_to(root / name):
            raise PublishError(f"output {out_dir} is inside {name}/, which holds what the site is built from")
    if not out.exists():
        return
    if not out.is_dir():
        raise PublishError(f"output {out_dir} is a file, not a folder; choose another name")
    try:
        entries = set(os.listdir(out))
    except OSError as exc:
        raise PublishError(f"cannot read output {out_dir}: {exc.strerror or exc}") from None
    if not entries or MARKER in entries:
        return
    built_before_markers = {".nojekyll", "index.html"} <= entries
    if default_output is not None and real == default_output.resolve() and built_before_markers:
        return
    raise PublishError(f"output {out_dir} holds files news-digest did not write (no {MARKER} in it); "
                       "empty it or choose another folder")


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def safe_join(root: Path, url: str) -> Path:
    """The file for `url` under `root`; refuses anything that could land outside it."""
    if not url or "\x00" in url or "\\" in url or url.startswith("/"):
        raise PublishError(f"unsafe output path {url!r}")
    parts = url.split("/")
    if ".." not in parts and "." not in parts and "" not in parts:
        return root / url  # the common case, at half the cost (called several times per page)
    parts = list(PurePosixPath(url).parts)  # "a//b", "a/./b": what PurePosixPath makes of them
    if any(part in ("..", ".", "") for part in parts):
        raise PublishError(f"unsafe output path {url!r}")
    return root.joinpath(*parts)


def safe_file_name(root: str, url: str) -> str:
    """safe_join as a string, for the loops over every page of a build (the os functions take
    it; a Path costs ~2 us to make and again to stat, at 15,000 pages twice each)."""
    parts = url.split("/")
    if url and "\x00" not in url and "\\" not in url and ".." not in parts and "." not in parts \
            and "" not in parts:
        return os.path.join(root, url)
    return str(safe_join(Path(root), url))  # refuses, or makes what it makes of "a//b"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        err = ctypes.get_errno()
        if err in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.ENOTSUP):
            return False
        raise PublishError(f"cannot swap {a} into place: {os.strerror(err)}")
    return True


def new_staging_dir(out_dir: Path) -> Path:
    """An empty folder beside out_dir (same filesystem, so the swap is a rename)."""
    staging = None
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_staging(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-", dir=out_dir.parent))
        (staging / MARKER).write_bytes(MARKER_TEXT)
        return staging
    except OSError as exc:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise PublishError(f"cannot create a build folder beside {out_dir}: {exc.strerror or exc}") from None


def clean_stale_staging(out_dir: Path) -> None:
    """Remove folders left by builds killed before they could swap. Replaced sites still being
    deleted in the background (or whose deletion was cut short) get another deleter, so a build
    right after a big one does not wait for them."""
    for stale in out_dir.parent.glob(f".{out_dir.name}-build-*"):
        if stale.is_dir() and not stale.is_symlink():
            if _is_ours(stale):  # only folders a build made (or empty ones) are removed
                shutil.rmtree(stale, ignore_errors=True)
            else:
                _remove_if_empty(stale)
    for trash in out_dir.parent.glob(f".{out_dir.name}-trash-*"):
        if trash.is_dir() and not trash.is_symlink():
            if _is_ours(trash):
                remove_tree(trash, background=True)
            else:
                _remove_if_empty(trash)


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def swap_into_place(staging: Path, out_dir: Path, background: bool = False) -> None:
    """Make `staging` the new out_dir in one step; the old site is removed afterwards (by another
    process when `background`: the build is done once the new site is in place)."""
    try:
        if out_dir.exists() and not out_dir.is_symlink():
            # Refused before (check_output_folder); checked again right before anything is deleted.
            if not (_is_ours(out_dir) or (out_dir / ".nojekyll").is_file() or not any(out_dir.iterdir())):
                raise PublishError(f"{out_dir} holds files news-digest did not write; nothing was replaced")
            if not _exchange(staging, out_dir):
                old = staging.with_name(staging.name + "-old")
                os.rename(out_dir, old)
                os.rename(staging, out_dir)
                staging = old
            remove_tree(staging, background)
        else:
            os.rename(staging, out_dir)
    except (OSError, PublishError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, PublishError):
            raise
        raise PublishError(f"cannot replace {out_dir}: {exc.strerror or exc}; the previous site is unchanged") from None


_DELETE_IN_BACKGROUND = """
import os, shutil, sys
if os.fork() == 0:
    os.setsid()
    shutil.rmtree(sys.argv[1], ignore_errors=True)
    os._exit(0)
"""


def remove_tree(path: Path, background: bool = False) -> None:
    """Delete a replaced site. In the background a separate interpreter does it (a fresh process,
    not a fork, so a multi-threaded caller is safe); whatever it leaves behind, if it is killed,
    is a stale build folder that the next build removes (clean_stale_staging)."""
    if background:
        if "-build-" in path.name:  # named as trash, so the next build does not wait for it
            trash = path.with_name(path.name.replace("-build-", "-trash-", 1))
            try:
                os.rename(path, trash)
                path = trash
            except OSError:
                pass
        try:  # the helper forks the deleter and exits at once: nothing is left for us to reap
            subprocess.run([sys.executable, "-c", _DELETE_IN_BACKGROUND, str(path)], check=True, timeout=30,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
        except (OSError, subprocess.SubprocessError):
            pass
    shutil.rmtree(path, ignore_errors=True)


def write_file(root: Path, url: str, content: bytes) -> bool:
    """Write one output file atomically; skip it when the bytes are already there."""
    path = safe_join(root, url)
    try:
        if path.exists() and path.stat().st_size == len(content) and path.read_bytes() == content:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        tmp.write_bytes(content)
        os.replace(tmp, path)
    except OSError as exc:
        raise PublishError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True


def write_new_file(root: Path, url: str, content: bytes, previous: Path | None = None) -> os.stat_result:
    """Write into a fresh staging folder. When the previous site (`previous`) already has these
    exact bytes, its file is hard-linked instead: unchanged output keeps its file and mtime.
    Returns the stat of the file left (for the build state, without another look later)."""
    path = safe_join(root, url)
    if previous is not None:
        old = safe_join(previous, url)
        try:
            if old.stat().st_size == len(content) and old.read_bytes() == content:
                link_or_copy(old, path)
                return path.stat()
        except OSError:
            pass  # nothing there (or unreadable): write it
    try:
        return _write_bytes(path, content)
    except OSError as exc:
        raise PublishError(f"cannot write {path}: {exc.strerror or exc}") from None


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _make_folder(folder: str | Path) -> None:
    """mkdir -p in one system call when its parent exists (nearly always: a page's folder sits
    in a section folder made for the first page of that section)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def _write_bytes(path: Path, content: bytes) -> os.stat_result:
    """Path.write_bytes and a stat, in four system calls (a cold build writes every page once;
    its folder is made first, and its parents only when missing)."""
    _make_folder(path.parent)
    fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
        return os.fstat(fd)
    finally:
        os.close(fd)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Carry an unchanged file from the previous site into the staging folder (no rewrite)."""
    try:
        _make_folder(os.path.dirname(target))
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    except OSError as exc:
        raise PublishError(f"cannot write {target}: {exc.strerror or exc}") from None


def remove_file(root: Path, url: str) -> None:
    """Delete a page that is no longer planned, and folders it leaves empty."""
    path = safe_join(root, url)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise PublishError(f"cannot remove {path}: {exc.strerror or exc}") from None
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
