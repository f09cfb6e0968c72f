import sys
from pathlib import Path

# The fragment builder lives beside the parser tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "parse"))
