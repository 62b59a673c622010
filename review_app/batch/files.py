"""Where a batch reads and writes: local paths and object-store URLs alike, through pyarrow's file systems.

Owns the atomic write (a file is written under a ``.partial`` name and moved into place
when complete, so a crash never leaves a half-written file under a final name), the
small JSON files that record what each stage finished, and input expansion (files,
folders and globs, locally or under a URL such as ``s3://bucket/corpus/*.tsv``).
"""
from __future__ import annotations

import fnmatch
import glob
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pyarrow import fs as pafs

from ..errors import BadInputError

_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Location:
    """A file or folder on some file system; ``uri`` is what another process (or node) opens again."""

    fs: pafs.FileSystem
    path: str
    uri: str

    def join(self, *parts: str) -> "Location":
        path = "/".join([self.path.rstrip("/"), *parts])
        uri = "/".join([self.uri.rstrip("/"), *parts])
        return Location(self.fs, path, uri)

    @property
    def name(self) -> str:
        return self.path.rstrip("/").rsplit("/", 1)[-1]

    def info(self) -> pafs.FileInfo:
        return self.fs.get_file_info(self.path)

    def exists(self) -> bool:
        return self.info().type != pafs.FileType.NotFound

    def make_dirs(self) -> None:
        self.fs.create_dir(self.path, recursive=True)

    def read_json(self) -> Any:
        with self.fs.open_input_stream(self.path) as stream:
            return json.loads(stream.read().decode("utf-8"))

    def read_json_if_present(self) -> Any:
        return self.read_json() if self.exists() else None

    def write_json(self, data: Any) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        with self.atomic_output() as stream:
            stream.write(text.encode("utf-8"))

    @contextmanager
    def atomic_output(self) -> Iterator[Any]:
        """A stream to ``self`` under a temporary name, moved into place only if the block completes."""
        with self.atomic_path() as partial:
            with self.fs.open_output_stream(partial) as stream:
                yield stream

    @contextmanager
    def atomic_path(self) -> Iterator[str]:
        """A temporary path beside ``self`` to write to; moved onto ``self`` when the block completes."""
        partial = f"{self.path}.partial"
        try:
            yield partial
            self.fs.move(partial, self.path)
        except BaseException:
            _delete_quietly(self.fs, partial)
            raise

    def delete_tree(self) -> None:
        if self.exists():
            self.fs.delete_dir(self.path)


def _delete_quietly(filesystem: pafs.FileSystem, path: str) -> None:
    try:
        filesystem.delete_file(path)
    except OSError:  # never created, or already gone
        pass


def locate(spec: str) -> Location:
    """A local path (relative or absolute) or a URL pyarrow knows (``file://``, ``s3://``, ``gs://``, ``hdfs://``)."""
    if "://" not in spec:
        path = os.path.abspath(spec)
        return Location(pafs.LocalFileSystem(), path, path)
    try:
        filesystem, path = pafs.FileSystem.from_uri(spec)
    except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise BadInputError(f"{spec}: cannot open this URL ({_first_line(exc)})") from None
    return Location(filesystem, path, spec)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def expand(spec: str) -> list[Location]:
    """The files an input names: the file itself, every file under a folder, or a glob's matches.

    Order is sorted by path, so shards (and which copy of a duplicate counts as the first) do not
    depend on the file system's listing order.
    """
    if _GLOB_CHARS.search(spec):
        return _glob(spec)
    place = locate(spec)
    kind = place.info().type
    if kind == pafs.FileType.NotFound:
        raise BadInputError(f"{spec}: no such file or folder")
    if kind == pafs.FileType.Directory:
        selector = pafs.FileSelector(place.path, recursive=True)
        infos = [i for i in place.fs.get_file_info(selector) if i.type == pafs.FileType.File]
        return [_child(place, i.path) for i in sorted(infos, key=lambda i: i.path)]
    return [place]


def _glob(spec: str) -> list[Location]:
    if "://" not in spec:
        matches = sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
        if not matches:
            raise BadInputError(f"{spec}: no file matches")
        return [locate(p) for p in matches]
    scheme, rest = spec.split("://", 1)
    fixed = _GLOB_CHARS.split(rest, 1)[0].rsplit("/", 1)[0]  # the folder above the first wildcard
    base = locate(f"{scheme}://{fixed}")
    pattern = base.path.rstrip("/") + rest[len(fixed):]
    selector = pafs.FileSelector(base.path, recursive=True, allow_not_found=True)
    infos = [i for i in base.fs.get_file_info(selector)
             if i.type == pafs.FileType.File and fnmatch.fnmatchcase(i.path, pattern)]
    if not infos:
        raise BadInputError(f"{spec}: no file matches")
    return [_child(base, i.path) for i in sorted(infos, key=lambda i: i.path)]


def _child(parent: Location, path: str) -> Location:
    """A file found under ``parent``, with a URI that reopens it the way ``parent`` was opened."""
    relative = path[len(parent.path.rstrip("/")):].lstrip("/")
    return parent.join(relative) if relative else parent


__all__ = ["Location", "locate", "expand"]
