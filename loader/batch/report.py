"""What ``budget-loader load`` shows while it runs and when it ends.

- On a terminal (stderr is a TTY): a progress bar (``click.progressbar``) with files done,
  loaded, failed and skipped, and the rate; failures are printed above it as they happen.
- Not on a terminal (cron, CI, a pipe): plain log lines, one per file that changed something
  or failed; ``--verbose`` adds one per skipped file with timings.
- ``--quiet``: only failures (stderr). ``--json``: the run summary as JSON on stdout, and the
  human lines go to stderr so stdout stays parseable.
- At the end: one summary line, then every still-rejected file with its reason.

Failures (``error: FILE: reason``) always go to stderr.
"""

from __future__ import annotations

import json
import sys
import time

import click

from loader.batch.run import FileResult, Reporter, RunSummary

LABELS = {"loaded": "loaded", "same_content": "same content", "unchanged": "unchanged",
          "skipped": "skipped", "still_rejected": "still rejected", "failed": "error"}


def summary_line(summary: RunSummary) -> str:
    counts = summary.counts()
    labels = dict(LABELS, failed="failed", loaded="would load" if summary.dry_run else "loaded")
    parts = ", ".join(f"{n} {labels[o]}" for o, n in counts.items()
                      if n or o in ("loaded", "skipped", "failed"))
    run = f" (run {summary.run_id})" if summary.run_id else " (dry run: nothing written)"
    return (f"{len(summary.results)} files in {summary.elapsed_seconds:.2f} s: {parts}{run}")


class ConsoleReporter(Reporter):
    def __init__(self, *, progress: bool | None = None, quiet: bool = False,
                 verbose: bool = False, json_out: bool = False):
        self.quiet = quiet
        self.verbose = verbose
        self.json_out = json_out
        self.progress = (sys.stderr.isatty() if progress is None else progress) and not quiet
        self.bar = None
        self.started_at = time.perf_counter()
        self.counts = {o: 0 for o in LABELS}

    # -- output helpers
    def _line(self, text: str, err: bool = False) -> None:
        if self.bar is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
        click.echo(text, err=err or self.json_out)
        if self.bar is not None:
            self.bar.render_progress()

    def _status(self, _item=None) -> str:
        done = sum(self.counts.values())
        rate = done / max(time.perf_counter() - self.started_at, 1e-6)
        skipped = self.counts["skipped"] + self.counts["still_rejected"] + self.counts["unchanged"]
        return (f"{self.counts['loaded']} loaded, {self.counts['failed']} failed, "
                f"{skipped} skipped, {rate:.1f} files/s")

    # -- Reporter
    def waiting(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def started(self, total: int, to_parse: int, jobs: int) -> None:
        self.started_at = time.perf_counter()
        if self.verbose:
            self._line(f"{total} files, {total - to_parse} known, {to_parse} to parse "
                       f"with {min(jobs, max(to_parse, 1))} processes")
        if self.progress and total:
            self.bar = click.progressbar(length=total, label="loading", file=sys.stderr,
                                         show_eta=True, show_pos=True,
                                         item_show_func=self._status)
            self.bar.__enter__()

    def file_done(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome == "failed":
            self._line(f"error: {result.message}", err=True)
            if self.verbose and result.detail:
                self._line(result.detail.rstrip(), err=True)
        elif not self.quiet and (self.verbose or result.outcome in
                                 ("loaded", "same_content", "unchanged")):
            timing = ""
            if self.verbose and result.parse_seconds is not None:
                timing = f" [parse {result.parse_seconds:.2f} s" + (
                    f", write {result.write_seconds:.2f} s]" if result.write_seconds else "]")
            if result.outcome != "still_rejected" or self.verbose:
                self._line(f"{LABELS[result.outcome]}: {result.file}: "
                           f"{result.message.removeprefix(result.file + ': ')}{timing}")
        if self.bar is not None:
            self.bar.update(1, result.file)

    def finished(self, summary: RunSummary) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        if not self.quiet:
            click.echo(summary_line(summary), err=self.json_out)
            rejected = summary.of("still_rejected")
            if rejected:
                click.echo(f"still rejected ({len(rejected)}, not parsed again):",
                           err=self.json_out)
                for r in rejected:
                    click.echo(f"  {r.file}: {r.message.removeprefix(r.file + ': ')}",
                               err=self.json_out)
        if self.json_out:
            click.echo(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
