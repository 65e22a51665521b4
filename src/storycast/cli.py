"""The ``storycast`` command: thin commands over the library API.

Start-up stays light: the analysis, the exporters and the evaluation are imported by the
command that uses them, not here.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from . import __version__
from .cli_corpus import add_corpus_commands
from .errors import InputError, StorycastError

SAMPLE_PREFIX = "sample:"
PDNC_FILES = ("novel_text.txt", "quotation_info.csv", "character_info.csv")


# -- arguments ----------------------------------------------------------------

def _common_options() -> argparse.ArgumentParser:
    """Options every command takes, defined once."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true",
                        help="print nothing but the requested output and errors")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback when something goes wrong")
    return common


def _novel_options() -> argparse.ArgumentParser:
    """The annotated novels ``evaluate`` and ``train`` read."""
    novels = argparse.ArgumentParser(add_help=False)
    novels.add_argument("novels", metavar="NOVEL_DIR", nargs="+",
                        help="a PDNC novel folder, or a folder of such folders")
    return novels


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storycast",
        description="Read a story and tell who is in it, who speaks every quotation, "
                    "and to whom.",
        epilog="Try: storycast analyze sample:mad-tea-party",
    )
    parser.add_argument("--version", action="version", version=f"storycast {__version__}",
                        help="print the version and exit")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback when something goes wrong")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common, novels = _common_options(), _novel_options()

    analyze = commands.add_parser(
        "analyze", parents=[common], help="find the quotes, characters and speakers of a story",
        description="Analyse a story: its quotations, its characters, who speaks each "
                    "quotation and to whom. Without -o, print a summary and the cast.")
    analyze.add_argument("story", metavar="STORY",
                         help="a story file: plain text in any common encoding, an AO3 "
                              "download (HTML or EPUB), any EPUB book or a saved web page; "
                              "or sample:NAME for a story packaged with storycast "
                              "(sample:mad-tea-party)")
    analyze.add_argument("-o", "--output", metavar="OUT", action="append", default=[],
                         help="write the analysis to OUT, in the format its suffix names: "
                              ".html (a report to read in a browser), .json, .gexf and "
                              ".graphml (the character network), .fountain (a screenplay), "
                              ".parquet (tables), or a folder ending in / (CSV tables); "
                              "repeat for several outputs")
    cast = analyze.add_mutually_exclusive_group()
    cast.add_argument("--cast", metavar="CAST_FILE",
                      help="a cast file: one character per line, canonical name first, "
                           "aliases after '|' (replaces an AO3 work's character tags)")
    cast.add_argument("--no-cast", action="store_true",
                      help="ignore an AO3 work's character tags and find the cast in the "
                           "text alone")
    analyze.set_defaults(run=run_analyze)

    evaluate = commands.add_parser(
        "evaluate", parents=[common, novels], help="score storycast on PDNC-annotated novels",
        description="Analyse novels annotated as in the Project Dialogism Novel Corpus "
                    f"(folders holding {', '.join(PDNC_FILES)}) and print the scores "
                    "as a Markdown table.")
    evaluate.add_argument("--cast", action="store_true",
                          help="hand storycast the gold character list instead of "
                               "letting it find the characters")
    evaluate.set_defaults(run=run_evaluate)

    train = commands.add_parser(
        "train", parents=[common, novels], help="refit the speaker model on PDNC-annotated novels",
        description="Fit the speaker model on annotated novels (needs scipy: "
                    "pip install 'storycast[train]').  Deterministic: the same novels give "
                    "the same weights.")
    train.add_argument("-o", "--output", metavar="MODEL",
                       help="where to write the weights (default: the model shipped in "
                            "the package, models/speaker.json)")
    train.set_defaults(run=run_train)

    add_corpus_commands(commands, common)
    return parser


# -- analyze ------------------------------------------------------------------

def story_path(story: str) -> Path:
    """The file a STORY argument names: ``sample:NAME`` is a packaged sample."""
    if story.startswith(SAMPLE_PREFIX) and not Path(story).exists():
        from .samples import sample_path

        return sample_path(story[len(SAMPLE_PREFIX):])
    return Path(story)


def _show_progress(name: str, index: int, total: int) -> None:
    """The pipeline reporter for a terminal: the running stage on stderr, one line."""
    sys.stderr.write(f"\r\033[Kanalysing: stage {index + 1}/{total} ({name})")
    sys.stderr.flush()


def _no_progress(name: str, index: int, total: int) -> None:
    return None


def run_analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .exporters import export_files, exporter_for

    outputs = list(args.output)  # strings: a trailing "/" asks for a folder
    for out in outputs:
        exporter_for(out)  # an unknown suffix fails before the analysis, not after
    show = not args.quiet and sys.stderr.isatty()
    try:
        doc = analyze(story_path(args.story), cast=args.cast, no_cast=args.no_cast,
                      reporter=_show_progress if show else _no_progress)
    finally:
        if show:
            sys.stderr.write("\r\033[K")  # clear the progress line
    for out in outputs:
        try:
            written = export_files(doc, out)
        except OSError as exc:
            raise StorycastError(f"{out}: cannot be written ({exc.strerror or exc})") from None
        if not args.quiet:
            print("wrote " + ", ".join(str(p) for p in written))
    if not outputs:
        from .cli_summary import print_summary

        print_summary(doc)
    return 0


# -- evaluate -----------------------------------------------------------------

def novel_folders(arg: str) -> list[Path]:
    """The PDNC novel folders an argument names: itself, or the novels inside it."""
    folder = Path(arg)
    if not folder.exists():
        raise InputError(arg, "no such folder")
    if not folder.is_dir():
        raise InputError(arg, "not a folder: give a PDNC novel folder")
    if (folder / "quotation_info.csv").exists():
        missing = [f for f in PDNC_FILES if not (folder / f).is_file()]
        if missing:
            raise InputError(arg, f"not a PDNC novel folder: no {', '.join(missing)}")
        return [folder]
    inside = sorted(p for p in folder.iterdir() if (p / "quotation_info.csv").is_file())
    if not inside:
        raise InputError(arg, f"not a PDNC novel folder: no {', '.join(PDNC_FILES)}")
    return [f for p in inside for f in novel_folders(str(p))]


def _load_novel(folder: Path):
    from .evaluation import load_novel

    try:
        return load_novel(folder)
    except (ValueError, SyntaxError, KeyError, UnicodeDecodeError) as exc:
        raise InputError(folder, f"malformed PDNC annotations ({exc.__class__.__name__}: "
                                 f"{exc})") from None


def run_evaluate(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .evaluation import evaluate, format_table, gold_cast

    folders = [f for arg in args.novels for f in novel_folders(arg)]
    scores = []
    for folder in folders:
        novel = _load_novel(folder)
        start = time.perf_counter()
        doc = analyze(novel.text_path, cast=gold_cast(novel) if args.cast else None)
        score = evaluate(doc, novel)
        score.seconds = time.perf_counter() - start
        scores.append(score)
        if not args.quiet:
            accuracy = "-" if score.speaker_accuracy is None else f"{score.speaker_accuracy:.3f}"
            print(f"{novel.name}: speaker accuracy {accuracy} in {score.seconds:.1f} s",
                  file=sys.stderr)
    print(format_table(scores), end="")
    return 0


# -- train --------------------------------------------------------------------

def run_train(args: argparse.Namespace) -> int:
    from importlib import resources

    from .models.speaker import MODEL_FILE, train

    novels = [_load_novel(f) for arg in args.novels for f in novel_folders(arg)]
    try:
        model = train(novels)
    except ImportError as exc:
        raise StorycastError(f"training needs scipy ({exc.name} is missing): "
                             "pip install 'storycast[train]'") from None
    out = Path(args.output) if args.output else Path(
        str(resources.files("storycast.models").joinpath(MODEL_FILE)))
    model.save(out)
    if not args.quiet:
        print(f"trained on {len(novels)} novels -> {out}")
    return 0


# -- main ---------------------------------------------------------------------

def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _error(message: str) -> None:
    print(f"storycast: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    # The speaker model multiplies a few candidates by a hundred features at a time: more
    # BLAS threads than one only wait on each other and take a core from a corpus worker.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `storycast ... | head`: the reader left, nothing to say
        _silence_stdout()
        return 1
    except StorycastError as exc:
        if args.debug:
            traceback.print_exc()
        _error(f"error: {exc}")
        return 2
    except OSError as exc:
        if args.debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"error: {where}{exc.strerror or exc}")
        return 2
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        detail = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
        _error(f"internal error: {detail}")
        if not args.debug:
            _error("rerun with --debug to see the traceback, and please report it")
        return 1
