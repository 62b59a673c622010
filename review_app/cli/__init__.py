"""``review-app``: thin adapters from the command line to workflow functions.

Each module of this package that defines ``register(subparsers)`` adds its
commands, so areas of the app add commands without editing a shared list.
Bad input ends the command with one line on stderr and a non-zero exit.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ..errors import BadInputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="review-app",
        description="Review machine translation: import, check, compare candidates, score, export.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):  # __main__ runs the CLI when imported; private helpers register nothing
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from ..errors import ConflictError, NotFoundError, StorageError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except (BadInputError, NotFoundError, ConflictError) as exc:
        print(f"review-app {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"review-app {args.command}: database error: {exc}", file=sys.stderr)
        return 2
    except (DBAPIError, ArgumentError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"review-app {args.command}: database error: {reason}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except MemoryError:
        print(f"review-app {args.command}: error: out of memory (a file too big for this machine?)", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a file size limit, a folder that is not there
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"review-app {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"review-app {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
