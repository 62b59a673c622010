"""Review page speed on a 100,000-segment project, against the same page on a 100-segment one.

    .venv/bin/python bench/ui.py [--segments 100000] [--reps 30] [--quick] [--no-browser]

Both projects are real sentences (korean-english-news-v1's dev.en as MT, dev.ko as
source, repeated), imported with every check running, into SQLite files. Measured:

- server time (AppTest script runs): opening the review page, and save-and-next;
- browser time (headless Chromium via Playwright against `review-app serve`): loading
  /review until the segment heading shows, and Ctrl+Enter (save and next) until the
  next segment's heading shows.

Prints medians (and 90th percentiles) for both projects and the ratio big / small.
Targets: save-and-next under 200 ms server time and under 500 ms in the browser.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.storage import Store  # noqa: E402
from review_app.workflow import importing  # noqa: E402

APP = ROOT / "review_app" / "ui" / "app.py"
REVIEW = APP.parent / "views" / "review.py"
LIGHT_PAGE = APP.parent / "views" / "export.py"  # left between openings, so each is a real page switch
NEWS = ROOT / "corpora" / "korean-english-news-v1"


def build_project(folder: Path, n: int) -> str:
    """A SQLite file with one aligned document of ``n`` real sentence pairs, checks run."""
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()
    en = (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()
    for name, lines in (("src.ko", ko), ("mt.en", en)):
        (folder / f"{n}-{name}").write_text("\n".join(lines[i % len(lines)] for i in range(n)) + "\n",
                                            encoding="utf-8")
    url = f"sqlite:///{folder / f'{n}.db'}"
    start = time.perf_counter()
    doc, _ = importing.import_aligned(Store(url), source=folder / f"{n}-src.ko", mt=folder / f"{n}-mt.en",
                                     project=f"bench{n}", source_lang="ko", target_lang="en")
    print(f"  imported {doc.segment_count:,} segments in {time.perf_counter() - start:.1f} s", flush=True)
    return url


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def server_times(url: str, reps: int, label: str) -> dict[str, list[float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["REVIEW_APP_DB"] = url
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.run()
    at.text_input(key="reviewer_name").input("bench").run()
    at.switch_page(str(REVIEW)).run()  # warms the caches (document list, check names)
    opens, saves = [], []
    for _ in tqdm(range(reps), desc=f"server {label}", unit="rep", file=sys.stderr):
        at.switch_page(str(LIGHT_PAGE)).run()
        opens.append(timed(lambda: at.switch_page(str(REVIEW)).run()))
        saves.append(timed(lambda: at.button(key="save-next").click().run()))
        assert not at.exception, at.exception
    return {"open review page": opens, "save and next": saves}


def browser_times(url: str, reps: int, label: str) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server

    server = Server(url, Path(tempfile.mkdtemp()) / "serve.log").wait_ready()
    opens, saves, settles = [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1100})
            heading = page.get_by_role("heading", name="Segment ")
            for _ in tqdm(range(reps), desc=f"browser {label}", unit="rep", file=sys.stderr):
                opens.append(timed(lambda: (page.goto(f"{server.url}/review"), heading.wait_for())))
            name = page.get_by_label("Your name (recorded on every save)")
            name.fill("bench")
            name.press("Enter")
            page.wait_for_timeout(300)
            settled = '[data-testid="stApp"][data-test-script-state="notRunning"]'
            page.wait_for_selector(settled)
            for _ in tqdm(range(reps), desc=f"browser save {label}", unit="rep", file=sys.stderr):
                before = heading.inner_text()
                start = time.perf_counter()
                page.keyboard.press("Control+Enter")
                page.wait_for_function(
                    "old => [...document.querySelectorAll('h3')].some("
                    "h => h.innerText.startsWith('Segment ') && h.innerText !== old)", arg=before, polling="raf")
                saves.append((time.perf_counter() - start) * 1000)
                # The rest of the page (candidates, editor) is still arriving: a key pressed
                # before the run ends may hit the old form, so wait (untimed) for it to settle.
                page.wait_for_selector(settled)
                settles.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        server.stop()
    return {"open review page": opens, "save and next": saves, "... page settled": settles}


def summary(values: list[float]) -> str:
    p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
    return f"{statistics.median(values):7.1f} ms (p90 {p90:.0f})"


def report(kind: str, big: dict, small: dict, n_big: int, n_small: int, target: float) -> None:
    print(f"\n{kind}: median (90th percentile) over {len(next(iter(big.values())))} runs")
    print(f"  {'':18} {n_big:>9,} segments       {n_small:>5,} segments   ratio")
    for what in big:
        ratio = statistics.median(big[what]) / statistics.median(small[what])
        print(f"  {what:18} {summary(big[what])}   {summary(small[what])}   {ratio:.2f}x")
    verdict = "met" if statistics.median(big["save and next"]) < target else "NOT met"
    print(f"  target: save and next under {target:.0f} ms: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=100, help="segments of the baseline project")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="10,000 segments, 8 runs")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.segments, args.reps = 10_000, 8
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        print(f"building projects of {args.segments:,} and {args.baseline:,} segments", flush=True)
        big_url, small_url = build_project(Path(tmp), args.segments), build_project(Path(tmp), args.baseline)
        big = server_times(big_url, args.reps, f"{args.segments:,}")
        small = server_times(small_url, args.reps, f"{args.baseline:,}")
        report("server time (AppTest script run)", big, small, args.segments, args.baseline, 200)
        if not args.no_browser:
            big = browser_times(big_url, args.reps, f"{args.segments:,}")
            small = browser_times(small_url, args.reps, f"{args.baseline:,}")
            report("browser time (Chromium, key press to next heading)", big, small, args.segments,
                   args.baseline, 500)
    return 0


if __name__ == "__main__":
    sys.exit(main())
