"""The nightly batch: ``budget-loader load DIR...`` over folders that grow.

- ``discover``: the files to consider (``.pdf`` and ``.txt`` under the folders given);
- ``fingerprint``: sha256 of each file's bytes, and of each parsed document's content;
- ``known``: one query for everything the warehouse already knows about those sha256s;
- ``lock``: the advisory lock that keeps two loads of one database from interleaving;
- ``connect``: the loader's own sessions (no statement timeout, a recognisable name);
- ``revision``: is the database at the newest migration (cheaply, on the no-op path);
- ``worker``: parsing one file, in a worker process;
- ``run``: the run itself (skip, parse in parallel, write in order, record in ``audit``);
- ``report``: what the user sees (progress bar, log lines, ``--json``).

Nothing here imports the parser or the writer at module level: a nightly run over an
unchanged folder never needs them.
"""
